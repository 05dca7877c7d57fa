package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * Fp12 = Fp[w] / (w¹² − 18w⁶ + 82), twelve coefficients of w⁰…w¹¹. In this basis i = w⁶ − 9 (so w⁶ = ξ = 9 + i),
 * which is how Fp2 values and the twisted G2 coordinates (x·w², y·w³) embed. Plain schoolbook arithmetic: slow,
 * but short enough to check by eye; the pairing only runs for verification.
 */
final class Fp12 {
  private static final BigInteger P = Fp.P;
  private static final BigInteger EIGHTEEN = BigInteger.valueOf(18);
  private static final BigInteger EIGHTY_TWO = BigInteger.valueOf(82);
  static final Fp12 ONE = one();
  private final BigInteger[] c;

  private Fp12(BigInteger[] c) {
    this.c = c;
  }

  private static Fp12 one() {
    BigInteger[] c = zeros();
    c[0] = BigInteger.ONE;
    return new Fp12(c);
  }

  private static BigInteger[] zeros() {
    BigInteger[] c = new BigInteger[12];
    java.util.Arrays.fill(c, BigInteger.ZERO);
    return c;
  }

  /** An Fp2 value a + b·i placed at w^power: (a − 9b)·w^power + b·w^(power+6). */
  static void embed(BigInteger[] c, int power, Fp2 value) {
    BigInteger a = value.a().value();
    BigInteger b = value.b().value();
    c[power] = c[power].add(a.subtract(b.multiply(BigInteger.valueOf(9)))).mod(P);
    c[power + 6] = c[power + 6].add(b).mod(P);
  }

  /** The line value c0 + c1·w + c3·w³ with c0 ∈ Fp and c1, c3 ∈ Fp2. */
  static Fp12 line(Fp c0, Fp2 c1, Fp2 c3) {
    BigInteger[] c = zeros();
    c[0] = c0.value();
    embed(c, 1, c1);
    embed(c, 3, c3);
    return new Fp12(c);
  }

  /** The vertical line xp − x·w² (x ∈ Fp2). */
  static Fp12 vertical(Fp xp, Fp2 x) {
    BigInteger[] c = zeros();
    c[0] = xp.value();
    embed(c, 2, x.negate());
    return new Fp12(c);
  }

  Fp12 multiply(Fp12 o) {
    BigInteger[] product = new BigInteger[23];
    java.util.Arrays.fill(product, BigInteger.ZERO);
    for (int i = 0; i < 12; i++) {
      if (c[i].signum() == 0) {
        continue;
      }
      for (int j = 0; j < 12; j++) {
        if (o.c[j].signum() != 0) {
          product[i + j] = product[i + j].add(c[i].multiply(o.c[j]));
        }
      }
    }
    for (int k = 22; k >= 12; k--) { // w^k = 18·w^(k−6) − 82·w^(k−12)
      BigInteger top = product[k].mod(P);
      product[k - 6] = product[k - 6].add(top.multiply(EIGHTEEN));
      product[k - 12] = product[k - 12].subtract(top.multiply(EIGHTY_TWO));
    }
    BigInteger[] out = new BigInteger[12];
    for (int k = 0; k < 12; k++) {
      out[k] = product[k].mod(P);
    }
    return new Fp12(out);
  }

  Fp12 square() {
    return multiply(this);
  }

  Fp12 pow(BigInteger exponent) {
    Fp12 result = ONE;
    for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
      result = result.square();
      if (exponent.testBit(bit)) {
        result = result.multiply(this);
      }
    }
    return result;
  }

  boolean isOne() {
    return java.util.Arrays.equals(c, ONE.c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp12 other && java.util.Arrays.equals(c, other.c);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(c);
  }
}
