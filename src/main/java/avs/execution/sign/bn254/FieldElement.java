package avs.execution.sign.bn254;

/** The operations curve arithmetic needs, shared by Fp (G1) and Fp2 (G2), so one point implementation serves both. */
interface FieldElement<F extends FieldElement<F>> {
  F add(F other);

  F subtract(F other);

  F multiply(F other);

  F square();

  F invert();

  F negate();

  boolean isZero();
}
