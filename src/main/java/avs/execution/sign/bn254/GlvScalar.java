package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * A scalar k split as k ≡ k₁ + k₂·λ (mod r) with |k₁|, |k₂| < 2¹²⁷, where λ·(x, y) = (β·x, y) on G1 (the GLV
 * endomorphism), and both halves recoded in width-5 non-adjacent form. Multiplying by it needs half the doublings of
 * a plain double-and-add. A signer computes it once for its key.
 */
final class GlvScalar {
  static final int WIDTH = 5;
  /** λ: a cube root of unity mod r, the eigenvalue of (x, y) ↦ (β·x, y). */
  static final BigInteger LAMBDA = new BigInteger("b3c4d79d41a917585bfc41088d8daaa78b17ea66b99c90dd", 16);
  /** β: the cube root of unity in Fp that goes with {@link #LAMBDA}. */
  static final BigInteger BETA = new BigInteger("59e26bcea0d48bacd4f263f1acdb5c4f5763473177fffffe", 16);
  // A reduced basis of the lattice {(a, b) : a + b·λ ≡ 0 mod r}: (A1, B1) and (A2, B2), determinant r.
  private static final BigInteger A1 = new BigInteger("9931322734385697763");
  private static final BigInteger B1 = new BigInteger("-147946756881789319000765030803803410728");
  private static final BigInteger A2 = new BigInteger("147946756881789319010696353538189108491");
  private static final BigInteger B2 = new BigInteger("9931322734385697763");

  /** Signed odd digits, least significant first, |digit| < 2^(WIDTH−1); the signs of k₁ and k₂ are folded in. */
  final byte[] first;
  final byte[] second;

  private GlvScalar(byte[] first, byte[] second) {
    this.first = first;
    this.second = second;
  }

  static GlvScalar of(BigInteger k) {
    BigInteger[] halves = split(k);
    return new GlvScalar(wnaf(halves[0]), wnaf(halves[1]));
  }

  /** {k₁, k₂} with k ≡ k₁ + k₂·λ (mod r), by rounding k's coordinates in the lattice basis (Babai). */
  static BigInteger[] split(BigInteger k) {
    BigInteger r = Bn254.ORDER;
    BigInteger reduced = k.mod(r);
    BigInteger c1 = roundedQuotient(B2.multiply(reduced), r);
    BigInteger c2 = roundedQuotient(B1.negate().multiply(reduced), r);
    BigInteger k1 = reduced.subtract(c1.multiply(A1)).subtract(c2.multiply(A2));
    BigInteger k2 = c1.multiply(B1).add(c2.multiply(B2)).negate();
    return new BigInteger[] {k1, k2};
  }

  private static BigInteger roundedQuotient(BigInteger numerator, BigInteger denominator) {
    return numerator.shiftLeft(1).add(denominator).divide(denominator.shiftLeft(1));
  }

  /** Width-5 NAF of |k|, digits negated when k < 0. */
  static byte[] wnaf(BigInteger k) {
    int sign = k.signum() < 0 ? -1 : 1;
    BigInteger rest = k.abs();
    byte[] digits = new byte[rest.bitLength() + 1];
    int window = 1 << WIDTH;
    int length = 0;
    for (int i = 0; rest.signum() > 0; i++) {
      int digit = 0;
      if (rest.testBit(0)) {
        digit = rest.intValue() & (window - 1);
        if (digit >= window / 2) {
          digit -= window;
        }
        rest = rest.subtract(BigInteger.valueOf(digit));
      }
      digits[i] = (byte) (sign * digit);
      rest = rest.shiftRight(1);
      length = i + 1;
    }
    return java.util.Arrays.copyOf(digits, length);
  }
}
