package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GLV split and the width-5 NAF: both must give back the scalar, with halves short enough for the doublings. */
class GlvScalarTest {
  private static final BigInteger R = Bn254.ORDER;
  private static final JacobianPoint<Fp> G = JacobianPoint.affine(Fp.ONE, Fp.of(2), Fp.ONE);

  private static List<BigInteger> scalars() {
    Random random = new Random(11);
    List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, R.subtract(BigInteger.ONE), R,
        GlvScalar.LAMBDA, R.subtract(GlvScalar.LAMBDA), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(127)));
    for (int i = 0; i < 2000; i++) {
      scalars.add(new BigInteger(256, random));
    }
    return scalars;
  }

  @Test
  void lambdaAndBetaAreTheSameEndomorphism() {
    JacobianPoint<Fp> lambdaG = G.multiply(GlvScalar.LAMBDA);
    assertThat(lambdaG.affineX().value()).isEqualTo(GlvScalar.BETA);
    assertThat(lambdaG.affineY().value()).isEqualTo(BigInteger.TWO);
    assertThat(GlvScalar.LAMBDA.pow(3).mod(R)).isEqualTo(BigInteger.ONE);
    assertThat(GlvScalar.BETA.pow(3).mod(Fp.P)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void splitGivesBackTheScalarWithShortHalves() {
    for (BigInteger k : scalars()) {
      BigInteger[] halves = GlvScalar.split(k);
      assertThat(halves[0].add(halves[1].multiply(GlvScalar.LAMBDA)).subtract(k).mod(R)).as("k = %s", k).isZero();
      assertThat(halves[0].abs().bitLength()).as("|k1| for k = %s", k).isLessThanOrEqualTo(127);
      assertThat(halves[1].abs().bitLength()).as("|k2| for k = %s", k).isLessThanOrEqualTo(127);
    }
  }

  @Test
  void wnafDigitsAreOddSmallSeparatedAndSumToTheValue() {
    Random random = new Random(5);
    for (int i = 0; i < 2000; i++) {
      BigInteger k = new BigInteger(127, random);
      if (i % 2 == 1) {
        k = k.negate();
      }
      byte[] digits = GlvScalar.wnaf(k);
      BigInteger sum = BigInteger.ZERO;
      int lastNonZero = -GlvScalar.WIDTH;
      for (int j = 0; j < digits.length; j++) {
        if (digits[j] != 0) {
          assertThat(Math.abs(digits[j])).isOdd().isLessThan(1 << (GlvScalar.WIDTH - 1));
          assertThat(j - lastNonZero).as("gap between non-zero digits").isGreaterThanOrEqualTo(GlvScalar.WIDTH);
          lastNonZero = j;
        }
        sum = sum.add(BigInteger.valueOf(digits[j]).shiftLeft(j));
      }
      assertThat(sum).isEqualTo(k);
    }
  }
}
