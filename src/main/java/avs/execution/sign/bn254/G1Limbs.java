package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * A G1 point in Jacobian coordinates on {@link FpLimbs}, mutated in place: the signing path's σ = sk·H(m). Same
 * formulas as {@link JacobianPoint} (dbl-2009-l, add-2007-bl); Z = 0 is infinity.
 */
final class G1Limbs {
  private static final long[] BETA = FpLimbs.toMontgomery(GlvScalar.BETA);
  private static final long[] ZERO = new long[4];
  final long[] x = new long[4];
  final long[] y = new long[4];
  final long[] z = new long[4];
  private final long[] t0 = new long[4];
  private final long[] t1 = new long[4];
  private final long[] t2 = new long[4];
  private final long[] t3 = new long[4];
  private final long[] t4 = new long[4];
  private final long[] t5 = new long[4];
  private final long[] t6 = new long[4];

  static G1Limbs affine(BigInteger ax, BigInteger ay) {
    G1Limbs p = new G1Limbs();
    System.arraycopy(FpLimbs.toMontgomery(ax), 0, p.x, 0, 4);
    System.arraycopy(FpLimbs.toMontgomery(ay), 0, p.y, 0, 4);
    System.arraycopy(FpLimbs.ONE, 0, p.z, 0, 4);
    return p;
  }

  static G1Limbs infinity() {
    G1Limbs p = new G1Limbs();
    System.arraycopy(FpLimbs.ONE, 0, p.x, 0, 4);
    System.arraycopy(FpLimbs.ONE, 0, p.y, 0, 4);
    return p;
  }

  G1Limbs copy() {
    G1Limbs p = new G1Limbs();
    System.arraycopy(x, 0, p.x, 0, 4);
    System.arraycopy(y, 0, p.y, 0, 4);
    System.arraycopy(z, 0, p.z, 0, 4);
    return p;
  }

  boolean isInfinity() {
    return FpLimbs.isZero(z);
  }

  void doubleInPlace() {
    if (isInfinity() || FpLimbs.isZero(y)) {
      java.util.Arrays.fill(z, 0);
      return;
    }
    FpLimbs.square(x, t0);                 // A = X²
    FpLimbs.square(y, t1);                 // B = Y²
    FpLimbs.square(t1, t2);                // C = B²
    FpLimbs.add(x, t1, t3);
    FpLimbs.square(t3, t3);
    FpLimbs.subtract(t3, t0, t3);
    FpLimbs.subtract(t3, t2, t3);
    FpLimbs.add(t3, t3, t3);               // D = 2((X + B)² − A − C)
    FpLimbs.add(t0, t0, t4);
    FpLimbs.add(t4, t0, t4);               // E = 3A
    FpLimbs.square(t4, t5);                // F = E²
    FpLimbs.multiply(y, z, z);
    FpLimbs.add(z, z, z);                  // Z3 = 2YZ (before Y changes)
    FpLimbs.add(t3, t3, t6);
    FpLimbs.subtract(t5, t6, x);           // X3 = F − 2D
    FpLimbs.subtract(t3, x, t6);
    FpLimbs.multiply(t4, t6, y);           // E(D − X3)
    FpLimbs.add(t2, t2, t2);
    FpLimbs.add(t2, t2, t2);
    FpLimbs.add(t2, t2, t2);               // 8C
    FpLimbs.subtract(y, t2, y);            // Y3 = E(D − X3) − 8C
  }

  /** this += q (q unchanged). */
  void addInPlace(G1Limbs q) {
    if (q.isInfinity()) {
      return;
    }
    if (isInfinity()) {
      System.arraycopy(q.x, 0, x, 0, 4);
      System.arraycopy(q.y, 0, y, 0, 4);
      System.arraycopy(q.z, 0, z, 0, 4);
      return;
    }
    FpLimbs.square(z, t0);                 // Z1Z1
    FpLimbs.square(q.z, t1);               // Z2Z2
    FpLimbs.multiply(x, t1, t2);           // U1 = X1·Z2Z2
    FpLimbs.multiply(q.x, t0, t3);         // U2 = X2·Z1Z1
    FpLimbs.multiply(y, q.z, t4);
    FpLimbs.multiply(t4, t1, t4);          // S1 = Y1·Z2·Z2Z2
    FpLimbs.multiply(q.y, z, t5);
    FpLimbs.multiply(t5, t0, t5);          // S2 = Y2·Z1·Z1Z1
    FpLimbs.subtract(t3, t2, t3);          // H = U2 − U1
    FpLimbs.subtract(t5, t4, t5);          // S2 − S1
    if (FpLimbs.isZero(t3)) {
      if (FpLimbs.isZero(t5)) {
        doubleInPlace();
      } else {
        java.util.Arrays.fill(z, 0);
      }
      return;
    }
    FpLimbs.add(t5, t5, t5);               // r = 2(S2 − S1)
    // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
    FpLimbs.add(z, q.z, t6);
    FpLimbs.square(t6, t6);
    FpLimbs.subtract(t6, t0, t6);
    FpLimbs.subtract(t6, t1, t6);
    FpLimbs.multiply(t6, t3, z);
    FpLimbs.add(t3, t3, t0);
    FpLimbs.square(t0, t0);                // I = (2H)²
    FpLimbs.multiply(t3, t0, t1);          // J = H·I
    FpLimbs.multiply(t2, t0, t2);          // V = U1·I
    FpLimbs.square(t5, x);
    FpLimbs.subtract(x, t1, x);
    FpLimbs.subtract(x, t2, x);
    FpLimbs.subtract(x, t2, x);            // X3 = r² − J − 2V
    FpLimbs.subtract(t2, x, t6);
    FpLimbs.multiply(t5, t6, y);           // r(V − X3)
    FpLimbs.multiply(t4, t1, t4);
    FpLimbs.add(t4, t4, t4);               // 2·S1·J
    FpLimbs.subtract(y, t4, y);            // Y3
  }

  /** k·this; this is unchanged. */
  G1Limbs multiply(BigInteger k) {
    return multiply(GlvScalar.of(k));
  }

  /**
   * k·this as k₁·P + k₂·φ(P) with φ(x, y) = (β·x, y), both halves in width-5 NAF sharing one run of doublings; this
   * is unchanged.
   */
  G1Limbs multiply(GlvScalar k) {
    int size = 1 << (GlvScalar.WIDTH - 2);
    G1Limbs[] odd = new G1Limbs[size];       // P, 3P, 5P, …
    odd[0] = copy();
    G1Limbs twice = copy();
    twice.doubleInPlace();
    for (int i = 1; i < size; i++) {
      odd[i] = odd[i - 1].copy();
      odd[i].addInPlace(twice);
    }
    G1Limbs[] oddNegated = new G1Limbs[size];
    G1Limbs[] phi = new G1Limbs[size];
    G1Limbs[] phiNegated = new G1Limbs[size];
    for (int i = 0; i < size; i++) {
      oddNegated[i] = odd[i].negated();
      phi[i] = odd[i].copy();
      FpLimbs.multiply(phi[i].x, BETA, phi[i].x);
      phiNegated[i] = phi[i].negated();
    }
    G1Limbs result = infinity();
    for (int i = Math.max(k.first.length, k.second.length) - 1; i >= 0; i--) {
      result.doubleInPlace();
      int d1 = i < k.first.length ? k.first[i] : 0;
      if (d1 != 0) {
        result.addInPlace(d1 > 0 ? odd[d1 >> 1] : oddNegated[-d1 >> 1]);
      }
      int d2 = i < k.second.length ? k.second[i] : 0;
      if (d2 != 0) {
        result.addInPlace(d2 > 0 ? phi[d2 >> 1] : phiNegated[-d2 >> 1]);
      }
    }
    return result;
  }

  G1Limbs negated() {
    G1Limbs p = copy();
    FpLimbs.subtract(ZERO, y, p.y);
    return p;
  }

  Bn254.G1Point toAffine() {
    if (isInfinity()) {
      return new Bn254.G1Point(BigInteger.ZERO, BigInteger.ZERO);
    }
    long[] zInv = new long[4];
    FpLimbs.invert(z, zInv);
    long[] zInv2 = new long[4];
    FpLimbs.square(zInv, zInv2);
    long[] ax = new long[4];
    FpLimbs.multiply(x, zInv2, ax);
    long[] ay = new long[4];
    FpLimbs.multiply(zInv2, zInv, zInv2);
    FpLimbs.multiply(y, zInv2, ay);
    return new Bn254.G1Point(FpLimbs.toBigInteger(ax), FpLimbs.toBigInteger(ay));
  }
}
