package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.Fixtures;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The ecPairing precompile's test cases from go-ethereum (vectors/eip197-pairing.json). */
class Eip197PairingTest {
  static Stream<JsonNode> cases() {
    return Fixtures.stream(Fixtures.load("vectors/eip197-pairing.json").get("cases"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void pairingCheckMatchesThePrecompile(JsonNode c) {
    String input = c.get("input").asString();
    int pairs = input.length() / 384;
    JacobianPoint<Fp>[] g1 = new JacobianPoint[pairs];
    JacobianPoint<Fp2>[] g2 = new JacobianPoint[pairs];
    for (int i = 0; i < pairs; i++) {
      String pair = input.substring(i * 384, (i + 1) * 384);
      g1[i] = Bn254.g1(new Bn254.G1Point(word(pair, 0), word(pair, 1)));
      g2[i] = Bn254.g2(new Bn254.G2Point(word(pair, 3), word(pair, 2), word(pair, 5), word(pair, 4)));
      assertThat(g1[i]).as("G1 of pair %d is valid", i).isNotNull();
      assertThat(g2[i]).as("G2 of pair %d is valid", i).isNotNull();
    }
    assertThat(Pairing.productIsOne(g1, g2)).isEqualTo(c.get("expected").asBoolean());
  }

  private static BigInteger word(String hex, int index) {
    return new BigInteger(hex.substring(index * 64, (index + 1) * 64), 16);
  }
}
