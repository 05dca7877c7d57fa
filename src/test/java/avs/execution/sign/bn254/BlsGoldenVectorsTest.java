package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.sign.BlsSigner;
import avs.execution.sign.Hex;
import avs.execution.support.Fixtures;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** BLS parts of the reference's golden vectors: secret key, H(m), signature and public key. */
class BlsGoldenVectorsTest {
  private static final JsonNode FILE = Fixtures.load("vectors/othentic-sendtask.json");
  private static final byte[] DST = Hex.decode(FILE.get("domain").asString());

  static Stream<JsonNode> vectors() {
    return Fixtures.stream(FILE.get("vectors"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void secretKeyIsDerivedFromTheKeyString(JsonNode v) {
    assertThat(BlsSigner.hex32(Bn254.secretKey(v.get("privateKey").asString()))).isEqualTo(v.get("bls").get("secretKeyHex").asString());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void messageHashesToTheReferencesPoint(JsonNode v) {
    Bn254.G1Point h = Bn254.hashToG1(Hex.decode(v.get("messageHash").asString()), DST);
    assertThat(BlsSigner.hex32(h.x())).isEqualTo(v.get("bls").get("messagePoint_H").get("x").asString());
    assertThat(BlsSigner.hex32(h.y())).isEqualTo(v.get("bls").get("messagePoint_H").get("y").asString());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void signatureIsTheReferences(JsonNode v) {
    BigInteger sk = Bn254.secretKey(v.get("privateKey").asString());
    Bn254.G1Point sigma = Bn254.sign(sk, Hex.decode(v.get("messageHash").asString()), DST);
    String json = "{\"x\":\"" + BlsSigner.hex32(sigma.x()) + "\",\"y\":\"" + BlsSigner.hex32(sigma.y()) + "\"}";
    assertThat(json).isEqualTo(v.get("bls").get("signatureJson").asString());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void publicKeyIsTheReferences(JsonNode v) {
    Bn254.G2Point pk = Bn254.publicKey(Bn254.secretKey(v.get("privateKey").asString()));
    JsonNode expected = v.get("bls").get("publicKeyG2_solidityOrder_x0x1y0y1");
    assertThat(new String[] {BlsSigner.hex32(pk.xRe()), BlsSigner.hex32(pk.xIm()), BlsSigner.hex32(pk.yRe()), BlsSigner.hex32(pk.yIm())})
        .containsExactly(expected.get(0).asString(), expected.get(1).asString(), expected.get(2).asString(), expected.get(3).asString());
  }
}
