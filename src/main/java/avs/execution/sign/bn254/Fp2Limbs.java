package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * Fp2 = Fp[i] / (i² + 1) on Montgomery limbs ({@link FpLimbs}): the bottom of the pairing's tower. Immutable; each
 * operation returns a new value. The BigInteger {@link Fp2} stays for the G2 point arithmetic, which runs once per
 * public key.
 */
record Fp2Limbs(long[] re, long[] im) {
  static final Fp2Limbs ZERO = new Fp2Limbs(new long[4], new long[4]);
  static final Fp2Limbs ONE = new Fp2Limbs(FpLimbs.ONE.clone(), new long[4]);

  static Fp2Limbs of(Fp2 value) {
    return new Fp2Limbs(FpLimbs.toMontgomery(value.a().value()), FpLimbs.toMontgomery(value.b().value()));
  }

  static Fp2Limbs real(Fp value) {
    return new Fp2Limbs(FpLimbs.toMontgomery(value.value()), new long[4]);
  }

  Fp2 toFp2() {
    return new Fp2(new Fp(FpLimbs.toBigInteger(re)), new Fp(FpLimbs.toBigInteger(im)));
  }

  Fp2Limbs add(Fp2Limbs o) {
    long[] r = new long[4];
    long[] i = new long[4];
    FpLimbs.add(re, o.re, r);
    FpLimbs.add(im, o.im, i);
    return new Fp2Limbs(r, i);
  }

  Fp2Limbs subtract(Fp2Limbs o) {
    long[] r = new long[4];
    long[] i = new long[4];
    FpLimbs.subtract(re, o.re, r);
    FpLimbs.subtract(im, o.im, i);
    return new Fp2Limbs(r, i);
  }

  Fp2Limbs negate() {
    return ZERO.subtract(this);
  }

  Fp2Limbs conjugate() {
    long[] i = new long[4];
    FpLimbs.subtract(ZERO.im, im, i);
    return new Fp2Limbs(re, i);
  }

  Fp2Limbs doubled() {
    return add(this);
  }

  /** (a + bi)(c + di) = (ac − bd) + ((a + b)(c + d) − ac − bd)i: three multiplications. */
  Fp2Limbs multiply(Fp2Limbs o) {
    long[] ac = new long[4];
    long[] bd = new long[4];
    long[] sum = new long[4];
    long[] otherSum = new long[4];
    FpLimbs.multiply(re, o.re, ac);
    FpLimbs.multiply(im, o.im, bd);
    FpLimbs.add(re, im, sum);
    FpLimbs.add(o.re, o.im, otherSum);
    FpLimbs.multiply(sum, otherSum, sum);
    FpLimbs.subtract(sum, ac, sum);
    FpLimbs.subtract(sum, bd, sum);
    FpLimbs.subtract(ac, bd, ac);
    return new Fp2Limbs(ac, sum);
  }

  /** (a + bi)·s for s in Fp. */
  Fp2Limbs multiply(long[] scalar) {
    long[] r = new long[4];
    long[] i = new long[4];
    FpLimbs.multiply(re, scalar, r);
    FpLimbs.multiply(im, scalar, i);
    return new Fp2Limbs(r, i);
  }

  /** (a + bi)² = (a + b)(a − b) + 2ab·i. */
  Fp2Limbs square() {
    long[] sum = new long[4];
    long[] difference = new long[4];
    long[] ab = new long[4];
    FpLimbs.add(re, im, sum);
    FpLimbs.subtract(re, im, difference);
    FpLimbs.multiply(sum, difference, sum);
    FpLimbs.multiply(re, im, ab);
    FpLimbs.add(ab, ab, ab);
    return new Fp2Limbs(sum, ab);
  }

  /** this·ξ with ξ = 9 + i: (a + bi)(9 + i) = (9a − b) + (a + 9b)i, by additions. */
  Fp2Limbs multiplyByXi() {
    long[] nineA = nine(re);
    long[] nineB = nine(im);
    FpLimbs.subtract(nineA, im, nineA);
    FpLimbs.add(nineB, re, nineB);
    return new Fp2Limbs(nineA, nineB);
  }

  private static long[] nine(long[] a) {
    long[] eight = new long[4];
    FpLimbs.add(a, a, eight);
    FpLimbs.add(eight, eight, eight);
    FpLimbs.add(eight, eight, eight);
    FpLimbs.add(eight, a, eight);
    return eight;
  }

  /** 1/(a + bi) = (a − bi)/(a² + b²). */
  Fp2Limbs invert() {
    long[] norm = new long[4];
    long[] b2 = new long[4];
    FpLimbs.square(re, norm);
    FpLimbs.square(im, b2);
    FpLimbs.add(norm, b2, norm);
    FpLimbs.invert(norm, norm);
    return conjugate().multiply(norm);
  }

  boolean isZero() {
    return FpLimbs.isZero(re) && FpLimbs.isZero(im);
  }

  BigInteger[] toBigIntegers() {
    return new BigInteger[] {FpLimbs.toBigInteger(re), FpLimbs.toBigInteger(im)};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp2Limbs other && FpLimbs.equal(re, other.re) && FpLimbs.equal(im, other.im);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(re) + java.util.Arrays.hashCode(im);
  }
}
