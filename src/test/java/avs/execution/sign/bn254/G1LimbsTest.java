package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limb G1 against the BigInteger reference implementation, including the scalars where windows misbehave. */
class G1LimbsTest {
  private static final JacobianPoint<Fp> G = JacobianPoint.affine(Fp.ONE, Fp.of(2), Fp.ONE);

  @Test
  void scalarMultiplicationAgreesWithTheReferenceImplementation() {
    Random random = new Random(7);
    BigInteger r = Bn254.ORDER;
    BigInteger[] scalars = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15), BigInteger.valueOf(16),
        BigInteger.valueOf(17), r.subtract(BigInteger.ONE), r, r.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
        new BigInteger(254, random), new BigInteger(254, random), new BigInteger(128, random)};
    G1Limbs g = G1Limbs.affine(BigInteger.ONE, BigInteger.TWO);
    for (BigInteger k : scalars) {
      assertThat(g.multiply(k).toAffine()).as("k = %s", k).isEqualTo(Bn254.toAffine(G.multiply(k)));
    }
  }

  @Test
  void additionHandlesDoublingAndOpposites() {
    G1Limbs p = G1Limbs.affine(BigInteger.ONE, BigInteger.TWO);
    G1Limbs doubled = p.copy();
    doubled.addInPlace(p);
    assertThat(doubled.toAffine()).isEqualTo(Bn254.toAffine(G.doubled()));
    G1Limbs minus = G1Limbs.affine(BigInteger.ONE, Fp.P.subtract(BigInteger.TWO));
    G1Limbs zero = p.copy();
    zero.addInPlace(minus);
    assertThat(zero.isInfinity()).isTrue();
  }
}
