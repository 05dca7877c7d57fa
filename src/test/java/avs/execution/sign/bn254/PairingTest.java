package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.sign.Hex;
import avs.execution.support.Fixtures;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PairingTest {
  private static final JsonNode FILE = Fixtures.load("vectors/othentic-sendtask.json");
  private static final byte[] DST = Hex.decode(FILE.get("domain").asString());
  private static final JacobianPoint<Fp> G1 = JacobianPoint.affine(Fp.ONE, Fp.of(2), Fp.ONE);

  static Stream<JsonNode> vectors() {
    return Fixtures.stream(FILE.get("vectors"));
  }

  private static Bn254.G1Point signature(JsonNode v) {
    JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(v.get("bls").get("signatureJson").asString());
    return new Bn254.G1Point(new BigInteger(json.get("x").asString().substring(2), 16), new BigInteger(json.get("y").asString().substring(2), 16));
  }

  private static Bn254.G2Point publicKey(JsonNode v) {
    JsonNode pk = v.get("bls").get("publicKeyG2_solidityOrder_x0x1y0y1");
    return new Bn254.G2Point(big(pk.get(0)), big(pk.get(1)), big(pk.get(2)), big(pk.get(3)));
  }

  private static BigInteger big(JsonNode hex) {
    return new BigInteger(hex.asString().substring(2), 16);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void theReferencesSignaturesVerifyAndTamperedOnesDoNot(JsonNode v) {
    byte[] message = Hex.decode(v.get("messageHash").asString());
    assertThat(Bn254.verify(signature(v), message, DST, publicKey(v))).isTrue();
    byte[] other = message.clone();
    other[0] ^= 1;
    assertThat(Bn254.verify(signature(v), other, DST, publicKey(v))).isFalse();
    Bn254.G2Point otherKey = Bn254.publicKey(BigInteger.valueOf(12345));
    assertThat(Bn254.verify(signature(v), message, DST, otherKey)).isFalse();
    Bn254.G1Point notOnCurve = new Bn254.G1Point(signature(v).x(), signature(v).y().add(BigInteger.ONE));
    assertThat(Bn254.verify(notOnCurve, message, DST, publicKey(v))).isFalse();
  }

  @Test
  void aPreparedKeyIsCheckedOnceAndAnInvalidOneStaysInvalid() {
    PreparedKeys keys = new PreparedKeys(2);
    java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();
    Bn254.G2Point valid = Bn254.publicKey(BigInteger.valueOf(7));
    Bn254.G2Point invalid = new Bn254.G2Point(BigInteger.ONE, BigInteger.TWO, BigInteger.ONE, BigInteger.TWO);
    java.util.function.Function<Bn254.G2Point, Pairing.PreparedG2> prepare = key -> {
      prepared.incrementAndGet();
      JacobianPoint<Fp2> point = Bn254.g2(key);
      return point == null ? null : Pairing.prepare(point);
    };
    assertThat(keys.get(valid, prepare)).isNotNull().isSameAs(keys.get(valid, prepare));
    assertThat(keys.get(invalid, prepare)).isNull();
    assertThat(keys.get(invalid, prepare)).isNull();
    assertThat(prepared).hasValue(2);
    keys.get(Bn254.publicKey(BigInteger.valueOf(8)), prepare);
    assertThat(keys.size()).isEqualTo(2);
  }

  @Test
  void thePairingIsBilinearAndNonDegenerate() {
    BigInteger a = new BigInteger("123456789012345678901234567890");
    BigInteger b = new BigInteger("987654321098765432109876543210");
    Fp12 base = Pairing.pair(G1, Bn254.G2);
    assertThat(base.isOne()).isFalse();
    Fp12 left = Pairing.pair(G1.multiply(a), Bn254.G2.multiply(b));
    assertThat(left).isEqualTo(Pairing.pair(G1.multiply(a.multiply(b)), Bn254.G2));
    assertThat(left).isEqualTo(Pairing.pair(G1, Bn254.G2.multiply(a.multiply(b))));
    assertThat(left).isEqualTo(base.pow(a.multiply(b)));
    assertThat(base.pow(Bn254.ORDER).isOne()).isTrue();
  }

  @Test
  void theFrobeniusMapsAgreeWithExponentiation() {
    Fp12 f = random(1);
    assertThat(f.frobenius()).isEqualTo(f.pow(Fp.P));
    assertThat(f.conjugate()).isEqualTo(f.pow(Fp.P.pow(6)));
    assertThat(f.square()).isEqualTo(f.multiply(f));
  }

  @Test
  void theShortcutProductsAgreeWithThePlainOnes() {
    Fp12 f = random(4);
    long[] c0 = FpLimbs.toMontgomery(BigInteger.valueOf(12345));
    Fp2Limbs c1 = Fp2Limbs.of(Fp2.of(BigInteger.valueOf(6), BigInteger.valueOf(7)));
    Fp2Limbs c3 = Fp2Limbs.of(Fp2.of(BigInteger.valueOf(8), Fp.P.subtract(BigInteger.ONE)));
    assertThat(f.multiplyByLine(c0, c1, c3)).isEqualTo(f.multiply(Fp12.line(c0, c1, c3)));
    Fp12 unitary = f.conjugate().multiply(f.invert()); // norm 1
    unitary = unitary.frobenius().frobenius().multiply(unitary);
    assertThat(unitary.cyclotomicSquare()).isEqualTo(unitary.square());
    assertThat(unitary.cyclotomicPow(Pairing.U)).isEqualTo(unitary.pow(Pairing.U));
    assertThat(f.cyclotomicSquare()).isNotEqualTo(f.square()); // the formula needs norm 1
  }

  @Test
  void theSplitFinalExponentiationAgreesWithThePlainOne() {
    Fp12 f = random(2);
    assertThat(Pairing.finalExponentiation(f)).isEqualTo(f.pow(FINAL_EXPONENT));
    assertThat(f.multiply(f.invert()).isOne()).isTrue();
    BigInteger u = Pairing.U;
    BigInteger p = BigInteger.valueOf(36).multiply(u.pow(4)).add(BigInteger.valueOf(36).multiply(u.pow(3)))
        .add(BigInteger.valueOf(24).multiply(u.pow(2))).add(BigInteger.valueOf(6).multiply(u)).add(BigInteger.ONE);
    assertThat(p).isEqualTo(Fp.P);
  }

  @Test
  void theTowerReadsTheTextbookBasis() {
    BigInteger[] w = new BigInteger[12];
    java.util.Arrays.fill(w, BigInteger.ZERO);
    w[1] = BigInteger.ONE;
    Fp12 x = Fp12.of(w);
    BigInteger[] expected = new BigInteger[12]; // w¹² = 18w⁶ − 82
    java.util.Arrays.fill(expected, BigInteger.ZERO);
    expected[0] = Fp.P.subtract(BigInteger.valueOf(82));
    expected[6] = BigInteger.valueOf(18);
    assertThat(x.pow(BigInteger.valueOf(12))).isEqualTo(Fp12.of(expected));
  }

  private static final BigInteger FINAL_EXPONENT = Fp.P.pow(12).subtract(BigInteger.ONE).divide(Bn254.ORDER);

  private static Fp12 random(long seed) {
    java.util.Random random = new java.util.Random(seed);
    BigInteger[] c = new BigInteger[12];
    for (int k = 0; k < 12; k++) {
      c[k] = new BigInteger(256, random).mod(Fp.P);
    }
    return Fp12.of(c);
  }

  @Test
  void groupLawsHold() {
    BigInteger a = BigInteger.valueOf(1_000_003);
    BigInteger b = BigInteger.valueOf(2_000_029);
    assertThat(G1.multiply(a).add(G1.multiply(b)).sameAs(G1.multiply(a.add(b)))).isTrue();
    assertThat(G1.multiply(Bn254.ORDER).isInfinity()).isTrue();
    assertThat(Bn254.G2.multiply(Bn254.ORDER).isInfinity()).isTrue();
    assertThat(Bn254.G2.isOnCurve(Bn254.TWIST_B)).isTrue();
    assertThat(G1.multiply(a).isOnCurve(HashToG1.B)).isTrue();
    assertThat(G1.add(G1.negate()).isInfinity()).isTrue();
  }
}
