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
