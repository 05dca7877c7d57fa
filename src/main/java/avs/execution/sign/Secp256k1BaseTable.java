package avs.execution.sign;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Sign;

/**
 * k·G on secp256k1 by fixed 4-bit windows: 64 tables hold (j + 1)·16ʷ·G for j = 0..15, so k·G is 64 additions of
 * points looked up by k's nibbles, with no doublings (BouncyCastle's comb needs about 43 of each). Lookups go
 * through BouncyCastle's cache-safe tables, which read every entry, so the nonce's nibbles do not show in memory
 * access patterns. Every window adds one extra 16ʷ·G (entry j is j + 1 multiples, never infinity); the sum of those
 * is subtracted once.
 */
final class Secp256k1BaseTable {
  private static final int WINDOWS = 64;
  private static final ECLookupTable[] TABLES = new ECLookupTable[WINDOWS];
  /** −Σ 16ʷ·G, where the sum starts. */
  private static final ECPoint START;

  static {
    ECPoint g = Sign.CURVE_PARAMS.getG();
    ECCurve curve = g.getCurve();
    ECPoint[] entries = new ECPoint[WINDOWS * 16];
    ECPoint base = g;
    ECPoint offset = curve.getInfinity();
    for (int w = 0; w < WINDOWS; w++) {
      ECPoint multiple = base;
      for (int j = 0; j < 16; j++) {
        entries[w * 16 + j] = multiple;
        multiple = multiple.add(base);
      }
      offset = offset.add(base);
      base = base.timesPow2(4);
    }
    curve.normalizeAll(entries);
    for (int w = 0; w < WINDOWS; w++) {
      TABLES[w] = curve.createCacheSafeLookupTable(entries, w * 16, 16);
    }
    START = offset.negate().normalize();
  }

  private Secp256k1BaseTable() {}

  /** k·G for 0 < k < 2²⁵⁶, not normalized. */
  static ECPoint multiply(BigInteger k) {
    byte[] bigEndian = BigIntegers.asUnsignedByteArray(32, k);
    ECPoint sum = START;
    for (int w = 0; w < WINDOWS; w++) {
      int nibble = (bigEndian[31 - (w >> 1)] >>> ((w & 1) << 2)) & 15;
      sum = sum.add(TABLES[w].lookup(nibble));
    }
    return sum;
  }
}
