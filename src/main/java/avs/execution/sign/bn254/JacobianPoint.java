package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * A point of y² = x³ + b in Jacobian coordinates (x = X/Z², y = Y/Z³) over Fp (G1) or Fp2 (G2); Z = 0 is the point
 * at infinity. The formulas (dbl-2009-l, add-2007-bl) hold for any b because a = 0. Not constant-time: the
 * issue's threat model does not ask for it, and correctness is tested against reference vectors.
 */
record JacobianPoint<F extends FieldElement<F>>(F x, F y, F z) {

  static <F extends FieldElement<F>> JacobianPoint<F> affine(F x, F y, F one) {
    return new JacobianPoint<>(x, y, one);
  }

  static <F extends FieldElement<F>> JacobianPoint<F> infinity(F one) {
    return new JacobianPoint<>(one, one, one.subtract(one));
  }

  boolean isInfinity() {
    return z.isZero();
  }

  JacobianPoint<F> doubled() {
    if (isInfinity() || y.isZero()) {
      return new JacobianPoint<>(x, y, z.subtract(z));
    }
    F a = x.square();
    F b = y.square();
    F c = b.square();
    F t = x.add(b).square().subtract(a).subtract(c);
    F d = t.add(t);
    F e = a.add(a).add(a);
    F f = e.square();
    F x3 = f.subtract(d.add(d));
    F c8 = c.add(c).add(c.add(c));
    c8 = c8.add(c8);
    F y3 = e.multiply(d.subtract(x3)).subtract(c8);
    F yz = y.multiply(z);
    return new JacobianPoint<>(x3, y3, yz.add(yz));
  }

  JacobianPoint<F> add(JacobianPoint<F> o) {
    if (isInfinity()) {
      return o;
    }
    if (o.isInfinity()) {
      return this;
    }
    F z1z1 = z.square();
    F z2z2 = o.z.square();
    F u1 = x.multiply(z2z2);
    F u2 = o.x.multiply(z1z1);
    F s1 = y.multiply(o.z).multiply(z2z2);
    F s2 = o.y.multiply(z).multiply(z1z1);
    F h = u2.subtract(u1);
    F rHalf = s2.subtract(s1);
    if (h.isZero()) {
      return rHalf.isZero() ? doubled() : new JacobianPoint<>(x, y, z.subtract(z));
    }
    F h2 = h.add(h);
    F i = h2.square();
    F j = h.multiply(i);
    F r = rHalf.add(rHalf);
    F v = u1.multiply(i);
    F x3 = r.square().subtract(j).subtract(v.add(v));
    F s1j = s1.multiply(j);
    F y3 = r.multiply(v.subtract(x3)).subtract(s1j.add(s1j));
    F z3 = z.add(o.z).square().subtract(z1z1).subtract(z2z2).multiply(h);
    return new JacobianPoint<>(x3, y3, z3);
  }

  JacobianPoint<F> negate() {
    return new JacobianPoint<>(x, y.negate(), z);
  }

  /** k·P by double-and-add from the most significant bit; k ≥ 0. */
  JacobianPoint<F> multiply(BigInteger k) {
    JacobianPoint<F> result = new JacobianPoint<>(x, y, z.subtract(z));
    for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
      result = result.doubled();
      if (k.testBit(bit)) {
        result = result.add(this);
      }
    }
    return result;
  }

  /** The affine x; undefined for the point at infinity. */
  F affineX() {
    F zInv = z.invert();
    return x.multiply(zInv.square());
  }

  /** The affine y; undefined for the point at infinity. */
  F affineY() {
    F zInv = z.invert();
    return y.multiply(zInv.square().multiply(zInv));
  }

  /** Whether this point satisfies y² = x³ + b (in affine terms), or is infinity. */
  boolean isOnCurve(F b) {
    if (isInfinity()) {
      return true;
    }
    F ax = affineX();
    F ay = affineY();
    return ay.square().subtract(ax.square().multiply(ax)).subtract(b).isZero();
  }

  boolean sameAs(JacobianPoint<F> o) {
    if (isInfinity() || o.isInfinity()) {
      return isInfinity() && o.isInfinity();
    }
    F z1z1 = z.square();
    F z2z2 = o.z.square();
    return x.multiply(z2z2).subtract(o.x.multiply(z1z1)).isZero()
        && y.multiply(z2z2).multiply(o.z).subtract(o.y.multiply(z1z1).multiply(z)).isZero();
  }
}
