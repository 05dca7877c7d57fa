package avs.execution.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** base58btc by byte division against the definition (the number in base 58, a '1' per leading zero byte). */
class MultibaseTest {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private static String byDefinition(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (BigInteger value = new BigInteger(1, bytes); value.signum() > 0; value = value.divide(BigInteger.valueOf(58))) {
      out.append(ALPHABET.charAt(value.mod(BigInteger.valueOf(58)).intValue()));
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      out.append('1');
    }
    return out.reverse().toString();
  }

  @Test
  void knownTextsEncodeAsTheSpecSays() {
    assertThat(Multibase.base58btc("Hello World!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("2NEpo7TZRRrLZSi2U");
    assertThat(Multibase.base58btc(new byte[0])).isEmpty();
    assertThat(Multibase.base58btc(new byte[] {0, 0, 0})).isEqualTo("111");
    assertThat(Multibase.base58btc(new byte[] {0, 0, 57})).isEqualTo("11z");
    assertThat(Multibase.base58btc(new byte[] {0, 1, 0})).isEqualTo("15R");
  }

  @Test
  void everyLengthAndLeadingZerosMatchTheDefinitionAndDecodeBack() {
    Random random = new Random(20261202);
    for (int i = 0; i < 3_000; i++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      for (int z = random.nextInt(4); z > 0 && z <= bytes.length; z--) {
        bytes[z - 1] = 0;
      }
      if (i % 10 == 0 && bytes.length > 0) {
        bytes[bytes.length - 1] = (byte) 0xff;
        java.util.Arrays.fill(bytes, 0, bytes.length - 1, (byte) 0xff);
      }
      String encoded = Multibase.base58btc(bytes);
      assertThat(encoded).as("%d bytes", bytes.length).isEqualTo(byDefinition(bytes));
      assertThat(Multibase.decodeBase58btc(encoded)).isEqualTo(bytes);
    }
  }
}
