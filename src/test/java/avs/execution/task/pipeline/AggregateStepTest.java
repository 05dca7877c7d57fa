package avs.execution.task.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** The aggregates' rules on their edge cases, with the values handed in directly. */
class AggregateStepTest {
  private final List<String> drops = new ArrayList<>();

  private AggregateStep step(AggregateStep.Operation operation, int inputs, int minAnswers, String maxDeviation) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      names.add("s" + i);
    }
    return new AggregateStep(operation, names, minAnswers, Optional.ofNullable(maxDeviation).flatMap(Decimals::fraction), 18, drops::add);
  }

  /** Each value is text as a source gives it; "!" marks a failed input. */
  private static Step.Inputs inputs(String... values) {
    Map<String, Value> given = new LinkedHashMap<>();
    Map<String, StepFailure> failed = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals("!")) {
        failed.put("s" + i, new StepFailure("HTTP 503", true));
      } else {
        given.put("s" + i, new Value.Text(values[i]));
      }
    }
    return new Step.Inputs(given, failed, new Template.Scope(Json.MAPPER.nullNode(), Json.object(), given, Map.of()));
  }

  private static String run(AggregateStep step, Step.Inputs inputs, ObjectNode evidence) {
    return ((Value.Number) step.run(inputs, evidence)).text();
  }

  @ParameterizedTest(name = "median of {0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "3                          | 3",
      "1 3 2                      | 2",
      "4 1 3 2                    | 2.5",
      "7 7 7 7                    | 7",
      "-5 -1 -3                   | -3",
      "0.1 0.2                    | 0.15",
      "3412.15000000 3412.1       | 3412.125",
      "1E-30 3E-30                | 0.000000000000000000000000000002"})
  void theMedianAveragesTheTwoMiddleValuesOfAnEvenCountExactly(String values, String median) {
    String[] given = values.trim().split(" +");
    assertThat(run(step(AggregateStep.Operation.MEDIAN, given.length, 1, null), inputs(given), Json.object())).isEqualTo(median);
  }

  @Test
  void hugeNumbersStayExact() {
    String median = run(step(AggregateStep.Operation.MEDIAN, 3, 1, null), inputs("1e400", "1e400", "2e400"), Json.object());
    assertThat(median).isEqualTo(new BigDecimal("1e400").toPlainString()).hasSize(401);
  }

  @Test
  void meanMinAndMaxOverTheSameAnswers() {
    assertThat(run(step(AggregateStep.Operation.MEAN, 3, 1, null), inputs("1", "2", "2"), Json.object())).isEqualTo("1.666666666666666667");
    assertThat(run(step(AggregateStep.Operation.MIN, 3, 1, null), inputs("1.5", "-2", "2"), Json.object())).isEqualTo("-2");
    assertThat(run(step(AggregateStep.Operation.MAX, 3, 1, null), inputs("1.5", "-2", "2"), Json.object())).isEqualTo("2");
  }

  @Test
  void anOutlierBeyondMaxDeviationIsDroppedAndTheDropRecorded() {
    ObjectNode evidence = Json.object();
    assertThat(run(step(AggregateStep.Operation.MEDIAN, 4, 2, "2%"), inputs("100", "101", "99.5", "110"), evidence)).isEqualTo("100");
    assertThat(evidence.path("used").toString()).isEqualTo("[\"s0\",\"s1\",\"s2\"]");
    assertThat(evidence.path("dropped").get(0).path("step").asString()).isEqualTo("s3");
    assertThat(evidence.path("dropped").get(0).path("reason").asString()).isEqualTo("9.45 % from the median 100.5, more than maxDeviation 2 %");
    assertThat(drops).containsExactly("outlier");
  }

  @Test
  void failedAndNonNumericInputsAreNotAnswersAndSayWhy() {
    ObjectNode evidence = Json.object();
    assertThat(run(step(AggregateStep.Operation.MEDIAN, 4, 2, null), inputs("10", "!", "ten", "12"), evidence)).isEqualTo("11");
    assertThat(evidence.path("dropped").toString()).contains("\"s1\"", "failed: HTTP 503", "\"s2\"", "gave ten, not a number");
    assertThat(drops).containsExactly("failed", "not_a_number");
  }

  @Test
  void fewerAnswersThanMinAnswersFailsNamingEachMissingOne() {
    assertThatThrownBy(() -> step(AggregateStep.Operation.MEDIAN, 3, 2, null).run(inputs("10", "!", "1e99999"), Json.object()))
        .isInstanceOfSatisfying(StepFailure.class, e -> {
          assertThat(e.getMessage()).isEqualTo("1 of 3 inputs gave a usable answer; minAnswers is 2; s1: failed: HTTP 503; s2: gave 1e99999, not a number");
          assertThat(e.sourceUnreachable()).isTrue();
        });
  }

  @Test
  void allEqualValuesAreNeverOutliersAndZeroIsHandled() {
    assertThat(run(step(AggregateStep.Operation.MEDIAN, 3, 3, "0%"), inputs("0", "0", "0"), Json.object())).isEqualTo("0");
    assertThatThrownBy(() -> step(AggregateStep.Operation.MEDIAN, 3, 3, "1%").run(inputs("0", "0", "1"), Json.object()))
        .hasMessageContaining("2 of 3 inputs");
  }

  @Test
  void theDefaultMinAnswersIsAMajority() {
    assertThat(AggregateStep.majority(1)).isEqualTo(1);
    assertThat(AggregateStep.majority(2)).isEqualTo(2);
    assertThat(AggregateStep.majority(3)).isEqualTo(2);
    assertThat(AggregateStep.majority(6)).isEqualTo(4);
  }
}
