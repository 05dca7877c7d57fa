package avs.execution.sign.bn254;

import java.math.BigInteger;

/** Fp2 = Fp[i] / (i² + 1): the field of G2's coordinates, a + b·i. */
record Fp2(Fp a, Fp b) implements FieldElement<Fp2> {
  static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
  static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);

  static Fp2 of(BigInteger a, BigInteger b) {
    return new Fp2(Fp.of(a), Fp.of(b));
  }

  @Override
  public Fp2 add(Fp2 o) {
    return new Fp2(a.add(o.a), b.add(o.b));
  }

  @Override
  public Fp2 subtract(Fp2 o) {
    return new Fp2(a.subtract(o.a), b.subtract(o.b));
  }

  @Override
  public Fp2 multiply(Fp2 o) {
    // (a + bi)(c + di) = (ac − bd) + ((a + b)(c + d) − ac − bd)i
    Fp ac = a.multiply(o.a);
    Fp bd = b.multiply(o.b);
    return new Fp2(ac.subtract(bd), a.add(b).multiply(o.a.add(o.b)).subtract(ac).subtract(bd));
  }

  Fp2 multiply(Fp scalar) {
    return new Fp2(a.multiply(scalar), b.multiply(scalar));
  }

  @Override
  public Fp2 square() {
    // (a + bi)² = (a + b)(a − b) + 2ab·i
    Fp ab = a.multiply(b);
    return new Fp2(a.add(b).multiply(a.subtract(b)), ab.add(ab));
  }

  @Override
  public Fp2 invert() {
    // 1 / (a + bi) = (a − bi) / (a² + b²)
    Fp norm = a.square().add(b.square()).invert();
    return new Fp2(a.multiply(norm), b.negate().multiply(norm));
  }

  @Override
  public Fp2 negate() {
    return new Fp2(a.negate(), b.negate());
  }

  @Override
  public boolean isZero() {
    return a.isZero() && b.isZero();
  }

  Fp2 conjugate() {
    return new Fp2(a, b.negate());
  }
}
