package avs.execution.sign;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Sign;

/**
 * k·G on secp256k1 by a regular signed recoding in 5-bit windows: an odd k is a sum of 51 odd digits dᵢ in ±1..31
 * times 32ⁱ, plus 2²⁵⁵ (the recoding's top digit, always 1). With kᵢ = (k ≫ 5i) | 1, digit i is (kᵢ mod 64) − 32,
 * since kᵢ = dᵢ + 32·kᵢ₊₁. So k·G is 51 additions of points from 51 tables of the sixteen odd multiples
 * (2j + 1)·32ⁱ·G, each looked up and negated when its digit is negative, with no doublings (the unsigned 4-bit
 * windows this replaced took 64). An even k is made odd as n − k, and the sum negated. A lookup reads every entry
 * of its table and keeps one by mask, and a digit's sign picks between y and −y by mask, so the nonce's digits show
 * in neither memory access patterns nor branches.
 *
 * <p>The additions are mixed (Jacobian sum plus affine entry, 8 multiplications and 3 squarings) on BouncyCastle's
 * secp256k1 field functions over arrays made once per call: BouncyCastle's point addition allocated new arrays and
 * objects for every step (signing took 5 % longer). Its formula has exceptional cases (the sum equal to the entry or
 * to its negation). The sum before window i stays within 2²⁵⁵ ± 32ⁱ, so only the last addition can meet one, and
 * only for the nonces 31·2²⁵¹ and n − 31·2²⁵¹ (the test checks both); when one is met, the product is made again
 * with BouncyCastle's complete addition.
 */
final class Secp256k1BaseTable {
  private static final int WINDOWS = 51;
  private static final int ENTRY_INTS = 16; // x then y, eight 32-bit words each
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final ECCurve CURVE = Sign.CURVE_PARAMS.getCurve();
  /** Window w's sixteen odd multiples (2j + 1)·32ʷ·G, affine, at (w·16 + j)·16. */
  private static final int[] TABLE = new int[WINDOWS * 16 * ENTRY_INTS];
  private static final ECPoint[] ENTRIES = new ECPoint[WINDOWS * 16];
  /** 2²⁵⁵·G, the top digit's term, where the sum starts. */
  private static final ECPoint START;
  private static final int[] START_X;
  private static final int[] START_Y;

  static {
    ECPoint g = Sign.CURVE_PARAMS.getG();
    ECPoint base = g;
    for (int w = 0; w < WINDOWS; w++) {
      ECPoint twice = base.twice();
      ECPoint multiple = base;
      for (int j = 0; j < 16; j++) {
        ENTRIES[w * 16 + j] = multiple;
        multiple = multiple.add(twice);
      }
      base = base.timesPow2(5);
    }
    CURVE.normalizeAll(ENTRIES);
    for (int e = 0; e < ENTRIES.length; e++) {
      System.arraycopy(SecP256K1Field.fromBigInteger(ENTRIES[e].getAffineXCoord().toBigInteger()), 0, TABLE, e * ENTRY_INTS, 8);
      System.arraycopy(SecP256K1Field.fromBigInteger(ENTRIES[e].getAffineYCoord().toBigInteger()), 0, TABLE, e * ENTRY_INTS + 8, 8);
    }
    START = g.multiply(BigInteger.ONE.shiftLeft(255)).normalize();
    START_X = SecP256K1Field.fromBigInteger(START.getAffineXCoord().toBigInteger());
    START_Y = SecP256K1Field.fromBigInteger(START.getAffineYCoord().toBigInteger());
  }

  private Secp256k1BaseTable() {}

  /** k·G for 0 < k < n, normalized. */
  static ECPoint multiply(BigInteger k) {
    int even = ~k.intValue() & 1;
    BigInteger[] odd = {k, N.subtract(k)}; // both made, one picked by index
    byte[] bigEndian = BigIntegers.asUnsignedByteArray(32, odd[even]);
    Sum sum = new Sum();
    for (int w = 0; w < WINDOWS; w++) {
      int window = window(bigEndian, w);
      sum.lookup(w, entryIndex(window), (window >>> 5) - 1);
      sum.addEntry();
    }
    if (sum.exceptional != 0) {
      return completeAdditions(bigEndian, even);
    }
    return sum.affine(-even);
  }

  /**
   * The Jacobian sum (X, Y, Z) and the scratch of its additions, made once per product. Every value is a field
   * element in eight little-endian 32-bit words, reduced.
   */
  private static final class Sum {
    private final int[] x = Nat256.create();
    private final int[] y = Nat256.create();
    private final int[] z = Nat256.create();
    private final int[] entryX = Nat256.create();
    private final int[] entryY = Nat256.create();
    private final int[] negatedY = Nat256.create();
    private final int[] zz = Nat256.create();
    private final int[] h = Nat256.create();
    private final int[] r = Nat256.create();
    private final int[] hh = Nat256.create();
    private final int[] hhh = Nat256.create();
    private final int[] v = Nat256.create();
    private final int[] t = Nat256.create();
    private final int[] wide = Nat256.createExt();
    /** Not zero once an addition met an exceptional case (its H was zero). */
    int exceptional;

    Sum() {
      System.arraycopy(START_X, 0, x, 0, 8);
      System.arraycopy(START_Y, 0, y, 0, 8);
      z[0] = 1;
    }

    /** Entry {@code index} of window {@code w}, negated when {@code negate} is -1 (kept when 0); every entry is read. */
    void lookup(int w, int index, int negate) {
      int base = w * 16 * ENTRY_INTS;
      for (int i = 0; i < 8; i++) {
        entryX[i] = 0;
        entryY[i] = 0;
      }
      for (int j = 0; j < 16; j++) {
        int mask = ((j ^ index) - 1) >> 31; // -1 when j == index, else 0
        int offset = base + j * ENTRY_INTS;
        for (int i = 0; i < 8; i++) {
          entryX[i] |= TABLE[offset + i] & mask;
          entryY[i] |= TABLE[offset + 8 + i] & mask;
        }
      }
      SecP256K1Field.negate(entryY, negatedY);
      for (int i = 0; i < 8; i++) {
        entryY[i] = (negatedY[i] & negate) | (entryY[i] & ~negate);
      }
    }

    /**
     * (X, Y, Z) += (entryX, entryY), the entry affine: U2 = x₂·Z², S2 = y₂·Z³, H = U2 − X, R = S2 − Y;
     * X' = R² − H³ − 2·X·H², Y' = R·(X·H² − X') − Y·H³, Z' = Z·H.
     */
    void addEntry() {
      SecP256K1Field.square(z, zz, wide);
      SecP256K1Field.multiply(entryX, zz, h, wide);
      SecP256K1Field.subtract(h, x, h);
      SecP256K1Field.multiply(zz, z, t, wide);
      SecP256K1Field.multiply(entryY, t, r, wide);
      SecP256K1Field.subtract(r, y, r);
      exceptional |= SecP256K1Field.isZero(h);
      SecP256K1Field.square(h, hh, wide);
      SecP256K1Field.multiply(hh, h, hhh, wide);
      SecP256K1Field.multiply(x, hh, v, wide);
      SecP256K1Field.multiply(z, h, z, wide);
      SecP256K1Field.square(r, x, wide);
      SecP256K1Field.subtract(x, hhh, x);
      SecP256K1Field.twice(v, t);
      SecP256K1Field.subtract(x, t, x);
      SecP256K1Field.subtract(v, x, v);
      SecP256K1Field.multiply(r, v, v, wide);
      SecP256K1Field.multiply(y, hhh, t, wide);
      SecP256K1Field.subtract(v, t, y);
    }

    /** The sum as an affine point, negated when {@code negate} is -1 (kept when 0). */
    ECPoint affine(int negate) {
      SecP256K1Field.inv(z, t);
      SecP256K1Field.square(t, zz, wide);
      SecP256K1Field.multiply(x, zz, x, wide);
      SecP256K1Field.multiply(zz, t, zz, wide);
      SecP256K1Field.multiply(y, zz, y, wide);
      SecP256K1Field.negate(y, negatedY);
      for (int i = 0; i < 8; i++) {
        y[i] = (negatedY[i] & negate) | (y[i] & ~negate);
      }
      return CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
    }
  }

  /** The same product with BouncyCastle's complete point addition, for a nonce whose sum met an exceptional case. */
  private static ECPoint completeAdditions(byte[] bigEndian, int even) {
    ECPoint sum = START;
    for (int w = 0; w < WINDOWS; w++) {
      int window = window(bigEndian, w);
      ECPoint entry = ENTRIES[w * 16 + entryIndex(window)];
      sum = sum.add(window >>> 5 == 1 ? entry : entry.negate());
    }
    return (even == 1 ? sum.negate() : sum).normalize();
  }

  /** Window w of the recoding, kᵢ mod 64: bits 5w..5w+5, the lowest forced to 1; its digit is positive from 32 up. */
  private static int window(byte[] bigEndian, int w) {
    return windowBits(bigEndian, 5 * w) | 1;
  }

  /** Which of a window's sixteen odd multiples its digit is (|dᵢ| = 2j + 1), found without a branch on the sign. */
  private static int entryIndex(int window) {
    return ((window >>> 1) & 15) ^ (((window >>> 5) - 1) & 15);
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
