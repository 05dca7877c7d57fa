package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.Fixtures;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The ecAdd and ecMul precompiles' test cases from go-ethereum (vectors/eip196-add-mul.json), with their semantics. */
class Eip196AddMulTest {
  private static final JsonNode FILE = Fixtures.load("vectors/eip196-add-mul.json");

  static Stream<JsonNode> additions() {
    return Fixtures.stream(FILE.get("add"));
  }

  static Stream<JsonNode> multiplications() {
    return Fixtures.stream(FILE.get("mul"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("additions")
  void ecAdd(JsonNode c) {
    String input = padded(c.get("input").asString(), 256);
    JacobianPoint<Fp> sum = point(input, 0).add(point(input, 2));
    assertThat(encode(sum)).isEqualTo(c.get("expected").asString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("multiplications")
  void ecMul(JsonNode c) {
    String input = padded(c.get("input").asString(), 192);
    JacobianPoint<Fp> product = point(input, 0).multiply(word(input, 2));
    assertThat(encode(product)).isEqualTo(c.get("expected").asString());
  }

  private static JacobianPoint<Fp> point(String input, int firstWord) {
    JacobianPoint<Fp> p = Bn254.g1(new Bn254.G1Point(word(input, firstWord), word(input, firstWord + 1)));
    assertThat(p).as("valid G1 input").isNotNull();
    return p;
  }

  private static String encode(JacobianPoint<Fp> p) {
    Bn254.G1Point affine = Bn254.toAffine(p);
    return String.format("%064x%064x", affine.x(), affine.y());
  }

  private static String padded(String hex, int length) {
    return hex.length() >= length ? hex.substring(0, length) : hex + "0".repeat(length - hex.length());
  }

  private static BigInteger word(String hex, int index) {
    return new BigInteger(hex.substring(index * 64, (index + 1) * 64), 16);
  }
}
