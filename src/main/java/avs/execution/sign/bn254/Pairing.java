package avs.execution.sign.bn254;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimal ate pairing on alt_bn128: a Miller loop over 6u+2 with G2 kept in affine Fp2 coordinates on the
 * twist, two Frobenius steps, then the final exponentiation (p¹² − 1)/r. A G2 point's lines are computed once
 * ({@link PreparedG2}, in BigInteger arithmetic); evaluating them at the G1 points, the products and the final
 * exponentiation run on limbs ({@link Fp12}). Several pairs share one loop, so a product of pairings squares once
 * per step.
 */
final class Pairing {
  /** The BN parameter u: p = 36u⁴ + 36u³ + 24u² + 6u + 1. */
  static final BigInteger U = new BigInteger("4965661367192848881");
  private static final BigInteger ATE_LOOP_COUNT = U.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO);
  private static final Fp2 XI = Fp2.of(BigInteger.valueOf(9), BigInteger.ONE);
  private static final Fp2 FROBENIUS_X = pow(XI, Fp.P.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
  private static final Fp2 FROBENIUS_Y = pow(XI, Fp.P.subtract(BigInteger.ONE).divide(BigInteger.TWO));

  private record Affine2(Fp2 x, Fp2 y) {}

  /** One line of a Miller loop: y = slope·x + intercept, or (slope null) the vertical x = verticalX. */
  private record Line(Fp2Limbs slope, Fp2Limbs intercept, Fp2Limbs verticalX) {}

  /**
   * A G2 point's Miller-loop lines, which depend on the point alone: computed once, they make each later pairing
   * with that point free of G2 arithmetic and inversions. Verification meets few G2 points (the generator and the
   * performers' keys), so {@link Bn254} keeps them.
   */
  static final class PreparedG2 {
    private final Line[] lines;

    private PreparedG2(Line[] lines) {
      this.lines = lines;
    }
  }

  private Pairing() {}

  /** Whether e(p1[0], q1[0]) · … · e(p[n], q[n]) = 1, the EIP-197 precompile's question. Infinity pairs to 1. */
  static boolean productIsOne(JacobianPoint<Fp>[] g1, JacobianPoint<Fp2>[] g2) {
    List<JacobianPoint<Fp>> ps = new ArrayList<>();
    List<PreparedG2> qs = new ArrayList<>();
    for (int i = 0; i < g1.length; i++) {
      if (!g1[i].isInfinity() && !g2[i].isInfinity()) {
        ps.add(g1[i]);
        qs.add(prepare(g2[i]));
      }
    }
    return productIsOne(ps, qs);
  }

  /** The same for prepared G2 points; the G1 points must not be infinity. */
  static boolean productIsOne(List<JacobianPoint<Fp>> g1, List<PreparedG2> g2) {
    return g1.isEmpty() || finalExponentiation(millerLoop(g1, g2)).isOne();
  }

  /** The full pairing value e(P, Q), for tests of bilinearity. */
  static Fp12 pair(JacobianPoint<Fp> p, JacobianPoint<Fp2> q) {
    if (p.isInfinity() || q.isInfinity()) {
      return Fp12.ONE;
    }
    return finalExponentiation(millerLoop(List.of(p), List.of(prepare(q))));
  }

  /**
   * f^((p¹² − 1)/r), split as (p⁶ − 1)·(p² + 1)·(p⁴ − p² + 1)/r. The first two factors take a conjugation, an
   * inversion and two Frobenius maps, and leave a value of norm 1, whose inverse is its conjugate. The last is
   * λ₀ + λ₁p + λ₂p² + p³ with λ₀ = −36u³ − 30u² − 18u − 2, λ₁ = −36u³ − 18u² − 12u + 1 and λ₂ = 6u² + 1: three
   * exponentiations by the 63-bit u, a few small powers and three more Frobenius maps.
   */
  static Fp12 finalExponentiation(Fp12 f) {
    Fp12 easy = f.conjugate().multiply(f.invert());
    Fp12 m = easy.frobenius().frobenius().multiply(easy);
    Fp12 mu = m.cyclotomicPow(U);
    Fp12 mu2 = mu.cyclotomicPow(U);
    Fp12 mu3 = mu2.cyclotomicPow(U);
    Fp12 mu3Times36 = mu3.cyclotomicPow(BigInteger.valueOf(36));
    Fp12 lambda0 = mu3Times36.multiply(mu2.cyclotomicPow(BigInteger.valueOf(30))).multiply(mu.cyclotomicPow(BigInteger.valueOf(18)))
        .multiply(m.cyclotomicSquare()).conjugate();
    Fp12 lambda1 = mu3Times36.multiply(mu2.cyclotomicPow(BigInteger.valueOf(18))).multiply(mu.cyclotomicPow(BigInteger.valueOf(12)))
        .conjugate().multiply(m);
    Fp12 lambda2 = mu2.cyclotomicPow(BigInteger.valueOf(6)).multiply(m);
    return lambda0.multiply(lambda1.frobenius()).multiply(lambda2.frobenius().frobenius()).multiply(m.frobenius().frobenius().frobenius());
  }

  /** The lines of the loop over 6u+2 (affine, on the twist), then the two Frobenius steps, in the order used. */
  static PreparedG2 prepare(JacobianPoint<Fp2> qJacobian) {
    Affine2 q = new Affine2(qJacobian.affineX(), qJacobian.affineY());
    List<Line> lines = new ArrayList<>();
    Affine2 r = q;
    for (int i = ATE_LOOP_COUNT.bitLength() - 2; i >= 0; i--) {
      lines.add(line(r, r));
      r = add(r, r);
      if (ATE_LOOP_COUNT.testBit(i)) {
        lines.add(line(r, q));
        r = add(r, q);
      }
    }
    Affine2 q1 = frobenius(q);
    Affine2 q2 = frobenius(q1);
    lines.add(line(r, q1));
    r = add(r, q1);
    lines.add(line(r, new Affine2(q2.x(), q2.y().negate())));
    return new PreparedG2(lines.toArray(Line[]::new));
  }

  /**
   * The Miller loops of all pairs at once: one squaring of f per step whatever the number of pairs, then each
   * pair's line evaluated at its G1 point, −yp + (slope·xp)·w + intercept·w³.
   */
  private static Fp12 millerLoop(List<JacobianPoint<Fp>> g1, List<PreparedG2> g2) {
    int n = g1.size();
    long[][] xp = new long[n][];
    long[][] minusYp = new long[n][];
    for (int k = 0; k < n; k++) {
      xp[k] = FpLimbs.toMontgomery(g1.get(k).affineX().value());
      minusYp[k] = FpLimbs.toMontgomery(g1.get(k).affineY().negate().value());
    }
    Fp12 f = Fp12.ONE;
    int next = 0;
    for (int i = ATE_LOOP_COUNT.bitLength() - 2; i >= 0; i--) {
      f = f.square();
      int linesThisStep = ATE_LOOP_COUNT.testBit(i) ? 2 : 1;
      for (int l = 0; l < linesThisStep; l++, next++) {
        for (int k = 0; k < n; k++) {
          f = multiplyByLine(f, g2.get(k).lines[next], xp[k], minusYp[k]);
        }
      }
    }
    for (; next < g2.get(0).lines.length; next++) {
      for (int k = 0; k < n; k++) {
        f = multiplyByLine(f, g2.get(k).lines[next], xp[k], minusYp[k]);
      }
    }
    return f;
  }

  private static Fp12 multiplyByLine(Fp12 f, Line line, long[] xp, long[] minusYp) {
    if (line.slope() == null) {
      return f.multiply(Fp12.vertical(xp, line.verticalX()));
    }
    return f.multiplyByLine(minusYp, line.slope().multiply(xp), line.intercept());
  }

  /** The line through r and t (the tangent when equal) on the twist. */
  private static Line line(Affine2 r, Affine2 t) {
    Fp2 slope;
    if (!r.x().subtract(t.x()).isZero()) {
      slope = t.y().subtract(r.y()).multiply(t.x().subtract(r.x()).invert());
    } else if (r.y().subtract(t.y()).isZero()) {
      Fp2 x2 = r.x().square();
      slope = x2.add(x2).add(x2).multiply(r.y().add(r.y()).invert());
    } else {
      return new Line(null, null, Fp2Limbs.of(r.x()));
    }
    // m·w·(xp − x₁w²) − (yp − y₁w³) = −yp + (m·xp)·w + (y₁ − m·x₁)·w³
    return new Line(Fp2Limbs.of(slope), Fp2Limbs.of(r.y().subtract(slope.multiply(r.x()))), null);
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
