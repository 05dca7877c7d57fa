package avs.execution.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Keys;

class EthAddressTest {
  /** The examples of EIP-55 itself (all caps, all lower, and mixed). */
  @ParameterizedTest
  @ValueSource(strings = {
      "0x52908400098527886E0F7030069857D2E4169EE7", "0xde709f2102306220921060314715629080e2fb77",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
  void writesTheExamplesOfEip55FromAnyCase(String expected) {
    String digits = expected.substring(2);
    assertThat(EthAddress.checksummed("0x" + digits.toLowerCase(Locale.ROOT))).isEqualTo(expected);
    assertThat(EthAddress.checksummed("0x" + digits.toUpperCase(Locale.ROOT))).isEqualTo(expected);
  }

  @Test
  void agreesWithWeb3jOnRandomPublicKeysIncludingShortOnes() {
    Random random = new Random(55);
    for (int i = 0; i < 3_000; i++) {
      // every 10th key has leading zero bytes, down to a one-byte key, to check the padding to 64 bytes
      int bits = i % 10 == 0 ? 1 + random.nextInt(511) : 512;
      BigInteger publicKey = new BigInteger(bits, random);
      assertThat(EthAddress.of(publicKey)).as("key %s", publicKey.toString(16))
          .isEqualTo(Keys.toChecksumAddress(Keys.getAddress(publicKey)));
    }
  }

  @Test
  void theAddressOfTheGoldenVectorsKeyIsTheOneTheyCarry() {
    // the performer of ../shared/vectors/othentic-sendtask.json (lower case in its ABI encoding); the EIP-55 case of
    // 40 more keys is checked against ethers by EcdsaFixturesTest
    Secp256k1Key key = Secp256k1Key.parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "key");
    assertThat(key.address()).isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
  }

  @Test
  void refusesWhatIsNotAnAddressOrAPublicKey() {
    assertThatThrownBy(() -> EthAddress.checksummed("0x1234")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("40 hex digits");
    assertThatThrownBy(() -> EthAddress.checksummed("0x" + "g".repeat(40))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 3");
    String fullWidthDigit = "0x" + "ab".repeat(19) + "a\uFF11"; // FULLWIDTH DIGIT ONE, a digit to Character.digit
    assertThatThrownBy(() -> EthAddress.checksummed(fullWidthDigit)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 42");
    assertThatThrownBy(() -> EthAddress.of(BigInteger.ONE.shiftLeft(512))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
    assertThatThrownBy(() -> EthAddress.of(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
  }
}
