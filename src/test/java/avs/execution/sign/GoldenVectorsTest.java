package avs.execution.sign;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The golden vectors made by running Othentic's reference implementation (shared/vectors/othentic-sendtask.json,
 * copied to src/test/resources/vectors): ABI encoding, message hash and ECDSA signature, byte for byte.
 */
class GoldenVectorsTest {
  static Stream<JsonNode> vectors() {
    return Fixtures.stream(Fixtures.load("vectors/othentic-sendtask.json").get("vectors"));
  }

  private static TaskMessage message(JsonNode v) {
    return new TaskMessage(v.get("proofOfTask").asString(), Hex.decode(v.get("dataHex").asString()),
        v.get("performerAddress").asString(), v.get("taskDefinitionId").asInt());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void abiEncodingIsTheReferences(JsonNode v) {
    assertThat(Hex.encode(message(v).abiEncoded())).isEqualTo(v.get("abiEncoded").asString());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void messageHashIsTheReferences(JsonNode v) {
    assertThat(Hex.encode(message(v).hash())).isEqualTo(v.get("messageHash").asString());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void dataTravelsAsLowerCaseHex(JsonNode v) {
    assertThat(message(v).dataHex()).isEqualTo(v.get("dataHex").asString());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void ecdsaSignatureAndSignerAreTheReferences(JsonNode v) {
    Secp256k1Key key = Secp256k1Key.parse(v.get("privateKey").asString(), "privateKey");
    EcdsaSigner signer = new EcdsaSigner(key);
    assertThat(signer.performerAddress()).isEqualTo(v.get("ecdsa").get("signerAddress").asString());
    byte[] hash = Hex.decode(v.get("messageHash").asString());
    String signature = Hex.encode(signer.signHash(hash));
    assertThat(signature).isEqualTo(v.get("ecdsa").get("signatureOverMessageHash").asString());
    assertThat(EcdsaVerifier.recoverAddress(hash, signature)).isEqualTo(signer.performerAddress());
  }
}
