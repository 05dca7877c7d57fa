package avs.execution.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.json.Json;
import avs.execution.support.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keystores written by ethers v6 (scrypt) and web3-eth-accounts (scrypt, pbkdf2): fixtures/keystore-fixtures.json. */
class KeystoreTest {
  private static final JsonNode FILE = Fixtures.load("fixtures/keystore-fixtures.json");

  static Stream<JsonNode> keystores() {
    return Fixtures.stream(FILE.get("keystores"));
  }

  @ParameterizedTest
  @MethodSource("keystores")
  void decryptsToTheKeyThatWasStored(JsonNode keystore) {
    String key = Keystore.decrypt(Json.text(keystore.get("json")), FILE.get("password").asString());
    assertThat(key).isEqualTo(FILE.get("privateKey").asString());
    assertThat(Secp256k1Key.parse(key, "k").address()).isEqualTo(FILE.get("address").asString());
  }

  @ParameterizedTest
  @MethodSource("keystores")
  void aWrongPasswordIsRefusedWithoutSayingAnythingAboutTheKey(JsonNode keystore) {
    assertThatThrownBy(() -> Keystore.decrypt(Json.text(keystore.get("json")), "wrong password"))
        .hasMessage("wrong password (the keystore's MAC does not match)");
  }

  @Test
  void filesThatAreNotKeystoresSaySo() {
    assertThatThrownBy(() -> Keystore.decrypt("not json", "x")).hasMessage("not JSON");
    assertThatThrownBy(() -> Keystore.decrypt("{\"version\":2}", "x")).hasMessage("not a version 3 keystore");
    String unknownKdf = Json.text(keystores().findFirst().orElseThrow().get("json")).replace("\"scrypt\"", "\"argon2\"");
    assertThatThrownBy(() -> Keystore.decrypt(unknownKdf, "x")).hasMessageContaining("kdf \"argon2\" is not supported");
  }
}
