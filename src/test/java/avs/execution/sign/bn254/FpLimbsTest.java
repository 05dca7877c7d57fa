package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limb field against BigInteger arithmetic: random values, edge values (0, 1, p − 1, 2²⁵³…), and aliasing. */
class FpLimbsTest {
  private static final BigInteger P = Fp.P;

  private static BigInteger[] samples() {
    Random random = new Random(42);
    BigInteger[] values = new BigInteger[400];
    BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO),
        BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128),
        BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE), P.shiftRight(1)};
    System.arraycopy(edges, 0, values, 0, edges.length);
    for (int i = edges.length; i < values.length; i++) {
      values[i] = new BigInteger(254, random).mod(P);
    }
    return values;
  }

  @Test
  void roundTripsAndArithmeticMatchBigInteger() {
    BigInteger[] values = samples();
    long[] out = new long[4];
    for (int i = 0; i < values.length; i++) {
      BigInteger a = values[i];
      BigInteger b = values[(i * 7 + 3) % values.length];
      long[] ma = FpLimbs.toMontgomery(a);
      long[] mb = FpLimbs.toMontgomery(b);
      assertThat(FpLimbs.toBigInteger(ma)).isEqualTo(a);
      FpLimbs.multiply(ma, mb, out);
      assertThat(FpLimbs.toBigInteger(out)).as("%s * %s", a, b).isEqualTo(a.multiply(b).mod(P));
      FpLimbs.add(ma, mb, out);
      assertThat(FpLimbs.toBigInteger(out)).as("%s + %s", a, b).isEqualTo(a.add(b).mod(P));
      FpLimbs.subtract(ma, mb, out);
      assertThat(FpLimbs.toBigInteger(out)).as("%s - %s", a, b).isEqualTo(a.subtract(b).mod(P));
      FpLimbs.square(ma, out);
      assertThat(FpLimbs.toBigInteger(out)).isEqualTo(a.multiply(a).mod(P));
    }
  }

  @Test
  void theDedicatedSquareAgreesWithMultiplyOnManyValues() {
    Random random = new Random(9);
    long[] viaSquare = new long[4];
    long[] viaMultiply = new long[4];
    for (int i = 0; i < 200_000; i++) {
      BigInteger value = switch (i % 4) {
        case 0 -> new BigInteger(254, random).mod(P);
        case 1 -> P.subtract(BigInteger.valueOf(random.nextInt(1 << 20)).add(BigInteger.ONE)); // near p: carries everywhere
        case 2 -> BigInteger.ONE.shiftLeft(64 * random.nextInt(4)).subtract(BigInteger.ONE).mod(P); // all-ones limbs
        default -> BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
      };
      long[] a = FpLimbs.toMontgomery(value);
      FpLimbs.square(a, viaSquare);
      FpLimbs.multiply(a, a, viaMultiply);
      assertThat(viaSquare).as("square of %s", value).isEqualTo(viaMultiply);
    }
  }

  @Test
  void legendreSymbolMatchesEulersCriterion() {
    BigInteger half = P.subtract(BigInteger.ONE).shiftRight(1);
    int squares = 0;
    int nonSquares = 0;
    for (BigInteger a : samples()) {
      BigInteger euler = a.modPow(half, P);
      int expected = a.signum() == 0 ? 0 : euler.equals(BigInteger.ONE) ? 1 : -1;
      assertThat(FpLimbs.legendre(FpLimbs.toMontgomery(a))).as("(%s / p)", a).isEqualTo(expected);
      squares += expected == 1 ? 1 : 0;
      nonSquares += expected == -1 ? 1 : 0;
    }
    assertThat(squares).as("squares among the samples").isGreaterThan(100);
    assertThat(nonSquares).as("non-squares among the samples").isGreaterThan(100);
    BigInteger square = new BigInteger("98765432109876543210987654321").pow(2).mod(P);
    assertThat(FpLimbs.legendre(FpLimbs.toMontgomery(square))).isEqualTo(1);
  }

  @Test
  void slidingWindowPowersMatchModPow() {
    Random random = new Random(3);
    BigInteger base = new BigInteger("31415926535897932384626433832795028841971693993751058209749445923");
    BigInteger[] exponents = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(31), BigInteger.valueOf(32),
        BigInteger.valueOf(0b100000100001L), BigInteger.ONE.shiftLeft(200), P.add(BigInteger.ONE).shiftRight(2), P.subtract(BigInteger.TWO),
        new BigInteger(254, random), new BigInteger(254, random), new BigInteger(64, random)};
    for (BigInteger e : exponents) {
      long[] out = new long[4];
      new FpExponent(e).power(FpLimbs.toMontgomery(base), out);
      assertThat(FpLimbs.toBigInteger(out)).as("base^%s", e).isEqualTo(base.modPow(e, P));
      long[] outA = new long[4];
      long[] outB = new long[4];
      BigInteger other = base.multiply(base).add(BigInteger.TEN).mod(P);
      new FpExponent(e).powerPair(FpLimbs.toMontgomery(base), FpLimbs.toMontgomery(other), outA, outB);
      assertThat(FpLimbs.toBigInteger(outA)).as("pair: base^%s", e).isEqualTo(base.modPow(e, P));
      assertThat(FpLimbs.toBigInteger(outB)).as("pair: other^%s", e).isEqualTo(other.modPow(e, P));
    }
  }

  @Test
  void inPlaceOperationsAndPowersAreRight() {
    BigInteger a = new BigInteger("1234567890123456789012345678901234567890123456789012345678901234567");
    long[] x = FpLimbs.toMontgomery(a);
    FpLimbs.multiply(x, x, x);
    assertThat(FpLimbs.toBigInteger(x)).isEqualTo(a.multiply(a).mod(P));
    FpLimbs.add(x, x, x);
    assertThat(FpLimbs.toBigInteger(x)).isEqualTo(a.multiply(a).shiftLeft(1).mod(P));
    long[] y = FpLimbs.toMontgomery(a);
    BigInteger e = P.subtract(BigInteger.TWO);
    new FpExponent(e).power(y, y);
    assertThat(FpLimbs.toBigInteger(y)).isEqualTo(a.modInverse(P));
    long[] z = FpLimbs.toMontgomery(a);
    FpLimbs.invert(z, z);
    assertThat(FpLimbs.toBigInteger(z)).isEqualTo(a.modInverse(P));
  }
}
