package avs.execution.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.support.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** 40 random tasks signed by ethers v6 (fixtures/ecdsa-fixtures.json): empty to 4 KiB data, ids 0 and 65535, unicode proofs. */
class EcdsaFixturesTest {
  static Stream<JsonNode> vectors() {
    return Fixtures.stream(Fixtures.load("fixtures/ecdsa-fixtures.json").get("vectors"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void signedTaskIsByteIdenticalToEthers(JsonNode v) {
    EcdsaSigner signer = new EcdsaSigner(Secp256k1Key.parse(v.get("privateKey").asString(), "privateKey"));
    assertThat(signer.performerAddress()).isEqualTo(v.get("address").asString());
    TaskMessage message = new TaskMessage(v.get("proofOfTask").asString(), Hex.decode(v.get("dataHex").asString()),
        signer.performerAddress(), v.get("taskDefinitionId").asInt());
    assertThat(Hex.encode(message.hash())).isEqualTo(v.get("messageHash").asString());
    SignedTask signed = signer.sign(message);
    assertThat(signed.signature()).isEqualTo(v.get("signature").asString());
    assertThat(EcdsaVerifier.recoverAddress(message.hash(), signed.signature())).isEqualTo(signer.performerAddress());
  }

  @Test
  void keyErrorsDescribeTheProblemWithoutTheKey() {
    String short31 = "0x" + "ab".repeat(31);
    assertThatThrownBy(() -> Secp256k1Key.parse(short31, "PRIVATE_KEY_PERFORMER"))
        .hasMessageContaining("PRIVATE_KEY_PERFORMER is not 32 bytes of hex (got 62 hex digits")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abab"));
    String bad = "0x" + "zz" + "ab".repeat(31);
    assertThatThrownBy(() -> Secp256k1Key.parse(bad, "PRIVATE_KEY_PERFORMER"))
        .hasMessageContaining("not a hex digit")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abab"));
    assertThatThrownBy(() -> Secp256k1Key.parse("0x" + "00".repeat(32), "K")).hasMessageContaining("not a valid secp256k1 key");
  }

  @Test
  void keyToStringShowsOnlyTheAddress() {
    Secp256k1Key key = Secp256k1Key.parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "K");
    assertThat(key.toString()).isEqualTo("Secp256k1Key[0x2c7536E3605D9C16a7a3D7b1898e529396a65c23]");
  }

  @Test
  void aSignatureOverAnotherMessageRecoversToSomeoneElse() {
    EcdsaSigner signer = new EcdsaSigner(Secp256k1Key.parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "K"));
    TaskMessage message = new TaskMessage("Qm", new byte[] {1}, signer.performerAddress(), 1);
    TaskMessage other = new TaskMessage("Qm", new byte[] {2}, signer.performerAddress(), 1);
    String signature = signer.sign(message).signature();
    assertThat(EcdsaVerifier.recoverAddress(other.hash(), signature)).isNotEqualTo(signer.performerAddress());
  }
}
