package avs.execution.task.pipeline;

import static avs.execution.task.pipeline.PipelineFixtures.pipeline;
import static avs.execution.task.pipeline.PipelineFixtures.proof;
import static avs.execution.task.pipeline.PipelineFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.UpstreamFailure;
import avs.execution.sign.Hex;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each step type in a whole pipeline, with const sources (no network), against Chainlink's documented examples
 * where Chainlink has the step: jsonparse paths, decimal arithmetic, ethabiencode.
 */
class PipelineStepsTest {
  private static String data(String yaml, String input) {
    try (TaskDefinition task = pipeline(yaml)) {
      return new String(task.execute(request(input)).data(), StandardCharsets.UTF_8);
    }
  }

  private static final String DOC = "{\"data\": {\"amount\": \"3412.15\", \"list\": [1, 2, {\"x\": 2.50}], \"n\": 12.000000000000000001}}";

  @ParameterizedTest(name = "path {0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "[data, amount]        | 3412.15",
      "'\"data,amount\"'     | 3412.15",
      "[data, list, 0]       | 1",
      "[data, list, -1, x]   | 2.5",
      "[data, list, -3]      | 1",
      "[data, n]             | 12.000000000000000001"})
  void jsonparseWalksKeysAndIndexesNegativeFromTheEnd(String path, String value) {
    String yaml = "steps:\n  src: {const: {value: '" + DOC + "'}}\n  v: {jsonparse: {input: src, path: " + path + "}}\ndata: v\n";
    assertThat(data(yaml, null)).isEqualTo(value);
  }

  @Test
  void aMissingKeyFailsNamingThePathUnlessLax() {
    String strict = "steps:\n  src: {const: {value: '" + DOC + "'}}\n  v: {jsonparse: {input: src, path: [data, price]}}\ndata: v\n";
    assertThatThrownBy(() -> data(strict, null)).isInstanceOf(UpstreamFailure.class)
        .hasMessageContaining("step v (data): the path [data, price] is not in src's answer: no key \"price\" at [data]");
    String lax = "steps:\n  src: {const: {value: '" + DOC + "'}}\n  v: {jsonparse: {input: src, path: [data, price], lax: true}}\n"
        + "  w: {jsonparse: {input: src, path: [data, amount]}}\n  m: {median: {inputs: [v, w], minAnswers: 1}}\ndata: m\n";
    assertThat(data(lax, null)).isEqualTo("3412.15");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "multiply: {input: x, times: '100000000'}      | 0.1      | 10000000",
      "multiply: {input: x, times: '3'}              | 0.1      | 0.3",
      "multiply: {input: x, times: '1.5'}            | -2       | -3",
      "divide: {input: x, by: '3', precision: 2}     | 10       | 3.33",
      "divide: {input: x, by: '3', precision: 2}     | 20       | 6.67",
      "divide: {input: x, by: '8'}                   | 1        | 0.125",
      "round: {input: x}                             | 2.5      | 3",
      "round: {input: x}                             | -2.5     | -3",
      "round: {input: x, places: 2}                  | 1.005    | 1.01"})
  void arithmeticIsExactDecimal(String step, String x, String result) {
    String yaml = "steps:\n  x: {const: {value: '" + x + "'}}\n  y: {" + step + "}\ndata: y\n";
    assertThat(data(yaml, null)).isEqualTo(result);
  }

  @Test
  void anOperandMayBeAnotherStep() {
    String yaml = "steps:\n  x: {const: {value: '7'}}\n  k: {const: {value: 6}}\n  y: {multiply: {input: x, times: '$(k)'}}\ndata: y\n";
    assertThat(data(yaml, null)).isEqualTo("42");
  }

  @Test
  void divisionByZeroFails() {
    String yaml = "steps:\n  x: {const: {value: '7'}}\n  y: {divide: {input: x, by: '0'}}\ndata: y\n";
    assertThatThrownBy(() -> data(yaml, null)).hasMessageContaining("divides x by zero");
  }

  @Test
  void ethabiencodeGivesSolidityAbiEncodeBytesAsTheData() {
    String yaml = "steps:\n  px: {const: {value: '3412.15'}}\n  out: {multiply: {input: px, times: '100000000'}}\n"
        + "  enc: {ethabiencode: {types: [uint256, string], values: ['$(out)', '$(input.symbol)']}}\ndata: enc\n";
    try (TaskDefinition task = pipeline(yaml)) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      assertThat(Hex.encode(result.data())).isEqualTo("0x0000000000000000000000000000000000000000000000000000004f71ffb5c0"
          + "0000000000000000000000000000000000000000000000000000000000000040"
          + "0000000000000000000000000000000000000000000000000000000000000007"
          + "4554485553445400000000000000000000000000000000000000000000000000");
      assertThat(proof(result.proofDocument()).path("result").asString()).startsWith("0x00000000");
    }
  }

  @Test
  void ethabiencodeRefusesAFractionForAnInteger() {
    String yaml = "steps:\n  px: {const: {value: '3412.15'}}\n  enc: {ethabiencode: {types: [uint256], values: ['$(px)']}}\ndata: enc\n";
    assertThatThrownBy(() -> data(yaml, null)).hasMessageContaining("values[0] (uint256 $(px) = \"3412.15\") is not a whole number");
  }

  @Test
  void anAdapterStepCallsARealProcessWithItsInputAndKeepsItsProof() {
    String factor = java.nio.file.Path.of("examples/factor-python/factor.py").toAbsolutePath().toString();
    String yaml = "steps:\n  n: {const: {value: '8051'}}\n"
        + "  f: {adapter: {command: [python3, '" + factor + "'], timeout: 10s, input: {n: '$(n)'}}}\n"
        + "  twice: {multiply: {input: f, times: '2'}}\ndata: twice\n";
    try (TaskDefinition task = pipeline(yaml, "{\"maxDigits\": 40}", java.util.Map.of())) {
      TaskResult result = task.execute(request(null));
      assertThat(new String(result.data(), StandardCharsets.UTF_8)).isEqualTo("166");
      var f = proof(result.proofDocument()).path("steps").path("f");
      assertThat(f.path("type").asString()).isEqualTo("adapter");
      assertThat(f.path("value").asString()).isEqualTo("83");
      assertThat(f.path("proof").isObject()).isTrue();
    }
  }

  @Test
  void theProofRecordsEveryStepAndTheResult() {
    String yaml = "steps:\n  x: {const: {value: '2'}}\n  y: {multiply: {input: x, times: '21'}}\ndata: y\n";
    try (TaskDefinition task = pipeline(yaml)) {
      var document = proof(task.execute(request("{\"n\":1}")).proofDocument());
      assertThat(document.path("kind").asString()).isEqualTo("pipeline");
      assertThat(document.path("definition").asString()).startsWith("sha256:").hasSize(7 + 64);
      assertThat(document.path("input").toString()).isEqualTo("{\"n\":1}");
      assertThat(document.path("steps").path("y").path("type").asString()).isEqualTo("multiply");
      assertThat(document.path("steps").path("y").path("value").asString()).isEqualTo("42");
      assertThat(document.path("data").asString()).isEqualTo("y");
      assertThat(document.path("result").asString()).isEqualTo("42");
    }
  }
}
