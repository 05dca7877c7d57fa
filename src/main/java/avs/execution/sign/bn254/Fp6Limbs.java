package avs.execution.sign.bn254;

/** Fp6 = Fp2[v] / (v³ − ξ), ξ = 9 + i: c0 + c1·v + c2·v², the middle of the pairing's tower. Immutable. */
record Fp6Limbs(Fp2Limbs c0, Fp2Limbs c1, Fp2Limbs c2) {
  static final Fp6Limbs ZERO = new Fp6Limbs(Fp2Limbs.ZERO, Fp2Limbs.ZERO, Fp2Limbs.ZERO);
  static final Fp6Limbs ONE = new Fp6Limbs(Fp2Limbs.ONE, Fp2Limbs.ZERO, Fp2Limbs.ZERO);

  Fp6Limbs add(Fp6Limbs o) {
    return new Fp6Limbs(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
  }

  Fp6Limbs subtract(Fp6Limbs o) {
    return new Fp6Limbs(c0.subtract(o.c0), c1.subtract(o.c1), c2.subtract(o.c2));
  }

  Fp6Limbs negate() {
    return new Fp6Limbs(c0.negate(), c1.negate(), c2.negate());
  }

  /** Karatsuba over the three coefficients: six Fp2 multiplications. */
  Fp6Limbs multiply(Fp6Limbs o) {
    Fp2Limbs t0 = c0.multiply(o.c0);
    Fp2Limbs t1 = c1.multiply(o.c1);
    Fp2Limbs t2 = c2.multiply(o.c2);
    Fp2Limbs r0 = c1.add(c2).multiply(o.c1.add(o.c2)).subtract(t1).subtract(t2).multiplyByXi().add(t0);
    Fp2Limbs r1 = c0.add(c1).multiply(o.c0.add(o.c1)).subtract(t0).subtract(t1).add(t2.multiplyByXi());
    Fp2Limbs r2 = c0.add(c2).multiply(o.c0.add(o.c2)).subtract(t0).subtract(t2).add(t1);
    return new Fp6Limbs(r0, r1, r2);
  }

  /** this·(b0 + b1·v), the shape of a line's w-part: five Fp2 multiplications. */
  Fp6Limbs multiplyBy01(Fp2Limbs b0, Fp2Limbs b1) {
    Fp2Limbs t0 = c0.multiply(b0);
    Fp2Limbs t1 = c1.multiply(b1);
    Fp2Limbs r0 = c2.multiply(b1).multiplyByXi().add(t0);
    Fp2Limbs r1 = c0.add(c1).multiply(b0.add(b1)).subtract(t0).subtract(t1);
    Fp2Limbs r2 = c2.multiply(b0).add(t1);
    return new Fp6Limbs(r0, r1, r2);
  }

  /** this·s for s in Fp (Montgomery form). */
  Fp6Limbs multiply(long[] scalar) {
    return new Fp6Limbs(c0.multiply(scalar), c1.multiply(scalar), c2.multiply(scalar));
  }

  /** this·s for s in Fp2. */
  Fp6Limbs multiply(Fp2Limbs scalar) {
    return new Fp6Limbs(c0.multiply(scalar), c1.multiply(scalar), c2.multiply(scalar));
  }

  /** this·v = ξ·c2 + c0·v + c1·v². */
  Fp6Limbs multiplyByV() {
    return new Fp6Limbs(c2.multiplyByXi(), c0, c1);
  }

  Fp6Limbs square() {
    return multiply(this);
  }

  /** (A + B·v + C·v²)/F with A = c0² − ξc1c2, B = ξc2² − c0c1, C = c1² − c0c2 and F = c0A + ξ(c2B + c1C). */
  Fp6Limbs invert() {
    Fp2Limbs a = c0.square().subtract(c1.multiply(c2).multiplyByXi());
    Fp2Limbs b = c2.square().multiplyByXi().subtract(c0.multiply(c1));
    Fp2Limbs c = c1.square().subtract(c0.multiply(c2));
    Fp2Limbs norm = c0.multiply(a).add(c2.multiply(b).add(c1.multiply(c)).multiplyByXi()).invert();
    return new Fp6Limbs(a.multiply(norm), b.multiply(norm), c.multiply(norm));
  }

  boolean isZero() {
    return c0.isZero() && c1.isZero() && c2.isZero();
  }
}
