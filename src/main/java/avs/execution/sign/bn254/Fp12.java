package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * Fp12 = Fp6[w] / (w² − v), stored as g + h·w on Montgomery limbs ({@link Fp6Limbs}, {@link Fp2Limbs}). Over Fp2,
 * the same element is a₀ + a₁w + … + a₅w⁵ with w⁶ = ξ = 9 + i, where g = (a₀, a₂, a₄) and h = (a₁, a₃, a₅); the
 * twisted G2 coordinates (x·w², y·w³) and the Miller loop's lines are written in that form. Over Fp it is the
 * textbook basis Fp[w] / (w¹² − 18w⁶ + 82) with i = w⁶ − 9, which {@link #of} reads. Immutable.
 */
final class Fp12 {
  static final Fp12 ONE = new Fp12(Fp6Limbs.ONE, Fp6Limbs.ZERO);
  /** γⱼ = ξ^(j·(p−1)/6): (aⱼ·wʲ)ᵖ = conj(aⱼ)·γⱼ·wʲ. */
  private static final Fp2Limbs[] FROBENIUS = frobeniusCoefficients();
  private final Fp6Limbs g;
  private final Fp6Limbs h;

  private Fp12(Fp6Limbs g, Fp6Limbs h) {
    this.g = g;
    this.h = h;
  }

  private static Fp2Limbs[] frobeniusCoefficients() {
    Fp2 xi = Fp2.of(BigInteger.valueOf(9), BigInteger.ONE);
    Fp2 gamma = Fp2.ONE;
    BigInteger exponent = Fp.P.subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
    for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
      gamma = gamma.square();
      if (exponent.testBit(bit)) {
        gamma = gamma.multiply(xi);
      }
    }
    Fp2Limbs[] coefficients = new Fp2Limbs[6];
    Fp2 power = Fp2.ONE;
    for (int j = 0; j < 6; j++) {
      coefficients[j] = Fp2Limbs.of(power);
      power = power.multiply(gamma);
    }
    return coefficients;
  }

  /** The element a₀ + a₁w + … + a₅w⁵. */
  private static Fp12 ofFp2(Fp2Limbs[] a) {
    return new Fp12(new Fp6Limbs(a[0], a[2], a[4]), new Fp6Limbs(a[1], a[3], a[5]));
  }

  private Fp2Limbs[] fp2Coefficients() {
    return new Fp2Limbs[] {g.c0(), h.c0(), g.c1(), h.c1(), g.c2(), h.c2()};
  }

  /** The line value c0 + c1·w + c3·w³ with c0 ∈ Fp (in Montgomery form) and c1, c3 ∈ Fp2 (tests check {@link #multiplyByLine} with it). */
  static Fp12 line(long[] c0, Fp2Limbs c1, Fp2Limbs c3) {
    return new Fp12(new Fp6Limbs(new Fp2Limbs(c0, new long[4]), Fp2Limbs.ZERO, Fp2Limbs.ZERO), new Fp6Limbs(c1, c3, Fp2Limbs.ZERO));
  }

  /** The vertical line xp − x·w² (xp ∈ Fp in Montgomery form, x ∈ Fp2). */
  static Fp12 vertical(long[] xp, Fp2Limbs x) {
    return new Fp12(new Fp6Limbs(new Fp2Limbs(xp, new long[4]), x.negate(), Fp2Limbs.ZERO), Fp6Limbs.ZERO);
  }

  /** The value Σ cₖ·wᵏ over Fp, from the twelve coefficients of w⁰…w¹¹ (tests compare with the textbook basis). */
  static Fp12 of(BigInteger... coefficients) {
    Fp2Limbs[] a = new Fp2Limbs[6];
    for (int j = 0; j < 6; j++) { // (x − 9y)·wʲ + y·w^(j+6) = (x + y·i)·wʲ
      BigInteger y = coefficients[j + 6];
      a[j] = Fp2Limbs.of(Fp2.of(coefficients[j].add(y.multiply(BigInteger.valueOf(9))), y));
    }
    return ofFp2(a);
  }

  /** (g + hw)(g' + h'w) = (gg' + hh'v) + ((g + h)(g' + h') − gg' − hh')w: three Fp6 products. */
  Fp12 multiply(Fp12 o) {
    Fp6Limbs gg = g.multiply(o.g);
    Fp6Limbs hh = h.multiply(o.h);
    Fp6Limbs cross = g.add(h).multiply(o.g.add(o.h)).subtract(gg).subtract(hh);
    return new Fp12(gg.add(hh.multiplyByV()), cross);
  }

  /**
   * this · (c0 + c1·w + c3·w³), a Miller-loop line: with g' = c0 and h' = c1 + c3·v sparse, 10 Fp2 and 6 Fp
   * multiplications instead of a full product's 18 Fp2.
   */
  Fp12 multiplyByLine(long[] c0, Fp2Limbs c1, Fp2Limbs c3) {
    Fp6Limbs gg = g.multiply(c0);
    Fp6Limbs hh = h.multiplyBy01(c1, c3);
    Fp2Limbs c0PlusC1 = new Fp2Limbs(c0, new long[4]).add(c1);
    Fp6Limbs cross = g.add(h).multiplyBy01(c0PlusC1, c3).subtract(gg).subtract(hh);
    return new Fp12(gg.add(hh.multiplyByV()), cross);
  }

  /**
   * The square of a value in the cyclotomic subgroup (norm 1: any value after the final exponentiation's easy
   * part), by Granger and Scott's formula: three Fp4 squarings, 9 Fp2 squarings against a square's 12 Fp2 products.
   * Wrong for other values.
   */
  Fp12 cyclotomicSquare() {
    Fp2Limbs g0 = g.c0(), g1 = g.c1(), g2 = g.c2(), h0 = h.c0(), h1 = h.c1(), h2 = h.c2();
    // the Fp4 pairs (g0, h1), (h0, g2), (g1, h2): (a + b·t)² with t² = ξ is (a² + ξb²) + 2ab·t
    Fp2Limbs h1Squared = h1.square(), g0Squared = g0.square();
    Fp2Limbs twoG0H1 = g0.add(h1).square().subtract(g0Squared).subtract(h1Squared);
    Fp2Limbs g2Squared = g2.square(), h0Squared = h0.square();
    Fp2Limbs twoH0G2 = h0.add(g2).square().subtract(h0Squared).subtract(g2Squared);
    Fp2Limbs h2Squared = h2.square(), g1Squared = g1.square();
    Fp2Limbs twoG1H2Xi = g1.add(h2).square().subtract(g1Squared).subtract(h2Squared).multiplyByXi();
    Fp2Limbs a = h1Squared.multiplyByXi().add(g0Squared);
    Fp2Limbs b = g2Squared.multiplyByXi().add(h0Squared);
    Fp2Limbs c = h2Squared.multiplyByXi().add(g1Squared);
    return new Fp12(
        new Fp6Limbs(threeMinusTwo(a, g0), threeMinusTwo(b, g1), threeMinusTwo(c, g2)),
        new Fp6Limbs(threePlusTwo(twoG1H2Xi, h0), threePlusTwo(twoG0H1, h1), threePlusTwo(twoH0G2, h2)));
  }

  private static Fp2Limbs threeMinusTwo(Fp2Limbs t, Fp2Limbs x) {
    return t.subtract(x).doubled().add(t);
  }

  private static Fp2Limbs threePlusTwo(Fp2Limbs t, Fp2Limbs x) {
    return t.add(x).doubled().add(t);
  }

  /** this^exponent for a value in the cyclotomic subgroup, squaring by {@link #cyclotomicSquare()}. */
  Fp12 cyclotomicPow(BigInteger exponent) {
    return power(exponent, true);
  }

  /** (g + hw)² = ((g + h)(g + hv) − gh − ghv) + 2gh·w: two Fp6 products. */
  Fp12 square() {
    Fp6Limbs gh = g.multiply(h);
    Fp6Limbs real = g.add(h).multiply(g.add(h.multiplyByV())).subtract(gh).subtract(gh.multiplyByV());
    return new Fp12(real, gh.add(gh));
  }

  /** (g + hw)⁻¹ = (g − hw)/(g² − h²v). */
  Fp12 invert() {
    Fp6Limbs inverseNorm = g.square().subtract(h.square().multiplyByV()).invert();
    return new Fp12(g.multiply(inverseNorm), h.negate().multiply(inverseNorm));
  }

  /** this^p. */
  Fp12 frobenius() {
    Fp2Limbs[] a = fp2Coefficients();
    for (int j = 0; j < 6; j++) {
      a[j] = a[j].conjugate().multiply(FROBENIUS[j]);
    }
    return ofFp2(a);
  }

  /** this^(p⁶) = g − hw, since w^(p⁶) = −w and Fp6 is fixed; the inverse of a value of norm 1. */
  Fp12 conjugate() {
    return new Fp12(g, h.negate());
  }

  Fp12 pow(BigInteger exponent) {
    return power(exponent, false);
  }

  private Fp12 power(BigInteger exponent, boolean cyclotomic) {
    Fp12 result = ONE;
    for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
      result = cyclotomic ? result.cyclotomicSquare() : result.square();
      if (exponent.testBit(bit)) {
        result = result.multiply(this);
      }
    }
    return result;
  }

  boolean isOne() {
    return equals(ONE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp12 other && g.equals(other.g) && h.equals(other.h);
  }

  @Override
  public int hashCode() {
    return 31 * g.hashCode() + h.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Fp12[");
    for (Fp2Limbs a : fp2Coefficients()) {
      BigInteger[] parts = a.toBigIntegers();
      text.append(text.length() > 5 ? ", " : "").append(parts[0].toString(16)).append(" + ").append(parts[1].toString(16)).append('i');
    }
    return text.append(']').toString();
  }
}
