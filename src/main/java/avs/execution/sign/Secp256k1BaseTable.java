package avs.execution.sign;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Sign;

/**
 * k·G on secp256k1 by a regular signed recoding in 5-bit windows: an odd k is a sum of 51 odd digits dᵢ in ±1..31
 * times 32ⁱ, plus 2²⁵⁵ (the recoding's top digit, always 1). With kᵢ = (k ≫ 5i) | 1, digit i is (kᵢ mod 64) − 32,
 * since kᵢ = dᵢ + 32·kᵢ₊₁. So k·G is 51 additions of points from 51 tables of the sixteen odd multiples
 * (2j + 1)·32ⁱ·G, each looked up and negated when its digit is negative, with no doublings (the unsigned 4-bit
 * windows this replaced took 64). An even k is made odd as n − k, and the sum negated. Lookups go through
 * BouncyCastle's cache-safe tables, which read every entry, and the signs pick between a point and its negation by
 * index, so the nonce's digits do not show in memory access patterns.
 */
final class Secp256k1BaseTable {
  private static final int WINDOWS = 51;
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final ECLookupTable[] TABLES = new ECLookupTable[WINDOWS];
  /** 2²⁵⁵·G, the top digit's term, where the sum starts. */
  private static final ECPoint START;

  static {
    ECPoint g = Sign.CURVE_PARAMS.getG();
    ECCurve curve = g.getCurve();
    ECPoint[] entries = new ECPoint[WINDOWS * 16];
    ECPoint base = g;
    for (int w = 0; w < WINDOWS; w++) {
      ECPoint twice = base.twice();
      ECPoint multiple = base;
      for (int j = 0; j < 16; j++) {
        entries[w * 16 + j] = multiple;
        multiple = multiple.add(twice);
      }
      base = base.timesPow2(5);
    }
    curve.normalizeAll(entries);
    for (int w = 0; w < WINDOWS; w++) {
      TABLES[w] = curve.createCacheSafeLookupTable(entries, w * 16, 16);
    }
    START = g.multiply(BigInteger.ONE.shiftLeft(255)).normalize();
  }

  private Secp256k1BaseTable() {}

  /** k·G for 0 < k < n, not normalized. */
  static ECPoint multiply(BigInteger k) {
    int even = ~k.intValue() & 1;
    BigInteger[] odd = {k, N.subtract(k)}; // both made, one picked by index
    byte[] bigEndian = BigIntegers.asUnsignedByteArray(32, odd[even]);
    ECPoint sum = START;
    for (int w = 0; w < WINDOWS; w++) {
      int window = windowBits(bigEndian, 5 * w) | 1; // (kᵢ mod 64): bits 5w..5w+5, the lowest forced to 1
      int positive = window >>> 5;
      int index = ((window >>> 1) & 15) ^ ((positive - 1) & 15);
      ECPoint entry = TABLES[w].lookup(index);
      ECPoint[] signed = {entry.negate(), entry};
      sum = sum.add(signed[positive]);
    }
    ECPoint[] result = {sum, sum.negate()};
    return result[even];
  }

  /** The six bits of a 256-bit big-endian number from bit {@code low} up (bits above 255 read as 0). */
  private static int windowBits(byte[] bigEndian, int low) {
    int bits = 0;
    for (int b = 0; b < 6; b++) {
      int bit = low + b;
      if (bit < 256) {
        bits |= ((bigEndian[31 - (bit >>> 3)] >>> (bit & 7)) & 1) << b;
      }
    }
    return bits;
  }
}
