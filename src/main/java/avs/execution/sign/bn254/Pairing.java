package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * The optimal ate pairing on alt_bn128, in the textbook form (as in the EIP-197 reference implementations): a
 * Miller loop over 6u+2 with G2 kept in affine Fp2 coordinates on the twist and each line evaluated at the G1
 * point as a sparse Fp12 value, two Frobenius steps, then the final exponentiation (p¹² − 1)/r.
 */
final class Pairing {
  private static final BigInteger ATE_LOOP_COUNT = new BigInteger("29793968203157093288");
  private static final BigInteger FINAL_EXPONENT = Fp.P.pow(12).subtract(BigInteger.ONE).divide(Bn254.ORDER);
  private static final Fp2 XI = Fp2.of(BigInteger.valueOf(9), BigInteger.ONE);
  private static final Fp2 FROBENIUS_X = pow(XI, Fp.P.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
  private static final Fp2 FROBENIUS_Y = pow(XI, Fp.P.subtract(BigInteger.ONE).divide(BigInteger.TWO));

  private record Affine2(Fp2 x, Fp2 y) {}

  private Pairing() {}

  /** Whether e(p1[0], q1[0]) · … · e(p[n], q[n]) = 1, the EIP-197 precompile's question. Infinity pairs to 1. */
  static boolean productIsOne(JacobianPoint<Fp>[] g1, JacobianPoint<Fp2>[] g2) {
    Fp12 f = Fp12.ONE;
    for (int i = 0; i < g1.length; i++) {
      if (!g1[i].isInfinity() && !g2[i].isInfinity()) {
        f = f.multiply(millerLoop(g2[i], g1[i]));
      }
    }
    return f.pow(FINAL_EXPONENT).isOne();
  }

  /** The full pairing value e(P, Q), for tests of bilinearity. */
  static Fp12 pair(JacobianPoint<Fp> p, JacobianPoint<Fp2> q) {
    if (p.isInfinity() || q.isInfinity()) {
      return Fp12.ONE;
    }
    return millerLoop(q, p).pow(FINAL_EXPONENT);
  }

  private static Fp12 millerLoop(JacobianPoint<Fp2> qJacobian, JacobianPoint<Fp> pJacobian) {
    Affine2 q = new Affine2(qJacobian.affineX(), qJacobian.affineY());
    Fp xp = pJacobian.affineX();
    Fp yp = pJacobian.affineY();
    Affine2 r = q;
    Fp12 f = Fp12.ONE;
    for (int i = ATE_LOOP_COUNT.bitLength() - 2; i >= 0; i--) {
      f = f.square().multiply(line(r, r, xp, yp));
      r = add(r, r);
      if (ATE_LOOP_COUNT.testBit(i)) {
        f = f.multiply(line(r, q, xp, yp));
        r = add(r, q);
      }
    }
    Affine2 q1 = frobenius(q);
    Affine2 q2 = frobenius(q1);
    Affine2 minusQ2 = new Affine2(q2.x(), q2.y().negate());
    f = f.multiply(line(r, q1, xp, yp));
    r = add(r, q1);
    return f.multiply(line(r, minusQ2, xp, yp));
  }

  /** The line through r and t (the tangent when equal), on the twist, evaluated at the G1 point (xp, yp). */
  private static Fp12 line(Affine2 r, Affine2 t, Fp xp, Fp yp) {
    Fp2 slope;
    if (!r.x().subtract(t.x()).isZero()) {
      slope = t.y().subtract(r.y()).multiply(t.x().subtract(r.x()).invert());
    } else if (r.y().subtract(t.y()).isZero()) {
      Fp2 x2 = r.x().square();
      slope = x2.add(x2).add(x2).multiply(r.y().add(r.y()).invert());
    } else {
      return Fp12.vertical(xp, r.x());
    }
    // m·w·(xp − x₁w²) − (yp − y₁w³) = −yp + (m·xp)·w + (y₁ − m·x₁)·w³
    return Fp12.line(yp.negate(), slope.multiply(xp), r.y().subtract(slope.multiply(r.x())));
  }

  /** Affine addition on the twist; the loop never meets infinity for points of order r. */
  private static Affine2 add(Affine2 a, Affine2 b) {
    Fp2 slope;
    if (!a.x().subtract(b.x()).isZero()) {
      slope = b.y().subtract(a.y()).multiply(b.x().subtract(a.x()).invert());
    } else {
      Fp2 x2 = a.x().square();
      slope = x2.add(x2).add(x2).multiply(a.y().add(a.y()).invert());
    }
    Fp2 x3 = slope.square().subtract(a.x()).subtract(b.x());
    return new Affine2(x3, slope.multiply(a.x().subtract(x3)).subtract(a.y()));
  }

  /** π(x·w², y·w³) = (x̄·ξ^((p−1)/3)·w², ȳ·ξ^((p−1)/2)·w³): Frobenius of a twisted point, in twist coordinates. */
  private static Affine2 frobenius(Affine2 q) {
    return new Affine2(q.x().conjugate().multiply(FROBENIUS_X), q.y().conjugate().multiply(FROBENIUS_Y));
  }

  private static Fp2 pow(Fp2 base, BigInteger exponent) {
    Fp2 result = Fp2.ONE;
    for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
      result = result.square();
      if (exponent.testBit(bit)) {
        result = result.multiply(base);
      }
    }
    return result;
  }
}
