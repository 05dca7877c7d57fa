package avs.execution.task.pipeline;

import static avs.execution.task.pipeline.PipelineFixtures.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.BadRequest;
import avs.execution.task.InvalidTaskSpec;
import avs.execution.task.TaskDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline is checked whole when it is loaded: every problem at once, each with its place. */
class PipelineConfigTest {
  private static List<String> problems(String yaml) {
    try {
      pipeline(yaml).close();
    } catch (InvalidTaskSpec e) {
      return e.problems();
    }
    throw new AssertionError("the pipeline was accepted: " + yaml);
  }

  @Test
  void unknownReferencesAreNamedWithTheirPlace() {
    assertThat(problems("steps:\n  a: {http: {url: 'https://x.test/'}}\n  b: {jsonparse: {input: nope, path: [p]}}\n"
        + "  m: {median: {inputs: [b, c]}}\ndata: m\n"))
        .contains("tasks[0].pipeline.steps.b: reads \"nope\", which is not a step (steps: a, b, m)",
            "tasks[0].pipeline.steps.m: reads \"c\", which is not a step (steps: a, b, m)");
  }

  @Test
  void aCycleIsShownStepByStep() {
    assertThat(problems("steps:\n  a: {multiply: {input: b, times: '2'}}\n  b: {multiply: {input: c, times: '2'}}\n"
        + "  c: {multiply: {input: a, times: '2'}}\ndata: a\n"))
        .containsExactly("tasks[0].pipeline.steps: a cycle: a → b → c → a (each step must come from steps that do not need it)");
  }

  @Test
  void wrongKindsOfInputAreRefused() {
    assertThat(problems("steps:\n  a: {http: {url: 'https://x.test/'}}\n  m: {median: {inputs: [a]}}\n"
        + "  e: {ethabiencode: {types: [uint256], values: ['1']}}\n  x: {multiply: {input: e, times: '2'}}\ndata: a\n"))
        .contains("tasks[0].pipeline.steps.m: its input a is an http step's response: parse a value out of it with jsonparse first",
            "tasks[0].pipeline.steps.x: its input e is ethabiencode's bytes, which only data: can take",
            "tasks[0].pipeline.data: a is an http step's response: parse the value out of it with jsonparse first");
  }

  @Test
  void typosInTypesKeysAndSettingsAreProblems() {
    assertThat(problems("steps:\n  a: {htp: {url: 'https://x.test/'}}\n  b: {const: {value: 1, vale: 2}}\n"
        + "  c: {median: {inputs: [b], minAnswers: 3, maxDeviation: lots}}\n  d: {http: {url: 'ftp://x/', timeout: 2 weeks}}\n"
        + "validate: {method: vibes}\ndata: b\nextra: 1\n"))
        .contains("tasks[0].pipeline.steps.a: unknown step type \"htp\" (types: http, jsonparse, median, mean, min, max, multiply, divide, round, ethabiencode, const, adapter)",
            "tasks[0].pipeline.steps.b.const.vale: unknown key (known: value)",
            "tasks[0].pipeline.steps.c.median.minAnswers: must be from 1 to 1 (got 3)",
            "tasks[0].pipeline.steps.c.median.maxDeviation: must be a fraction such as \"2%\" or 0.02 (got \"lots\")",
            "tasks[0].pipeline.steps.d.http.url: must start with http:// or https:// (got \"ftp://x/\")",
            "tasks[0].pipeline.steps.d.http.timeout: must be a duration such as 500ms, 10s or 2m (got \"2 weeks\")",
            "tasks[0].pipeline.validate.method: must be rerun (the attester runs the pipeline again) or recorded (checks the proof, re-fetches sources); got \"vibes\"")
        .anySatisfy(p -> assertThat(p).startsWith("tasks[0].pipeline.extra: unknown key"));
  }

  @Test
  void missingDataSecretsAndParamsAreProblems() {
    assertThat(problems("steps:\n  a: {http: {url: 'https://x.test/$(params.pair)?key=${API_KEY}'}}\n  b: {jsonparse: {input: a, path: [p]}}\n"))
        .contains("tasks[0].pipeline.data: is required: the step whose value is sendTask's data",
            "tasks[0].pipeline.steps.a.http.url: ${API_KEY} is not set in the environment or the .env file",
            "tasks[0].pipeline.steps.a.http.url: params.pair is missing: set it under the task's params:");
  }

  @Test
  void theInputTheTemplatesNeedIsCheckedAtAdmission() {
    try (TaskDefinition task = pipeline("steps:\n  a: {http: {url: 'https://x.test/?s=$(input.symbol)'}}\n  b: {jsonparse: {input: a, path: [p]}}\ndata: b\n",
        "{}", Map.of())) {
      assertThatThrownBy(() -> task.checkInput(null)).isInstanceOfSatisfying(BadRequest.class,
          e -> assertThat(e.getMessage()).isEqualTo("input.symbol: is missing: this task's templates need it"));
      assertThatThrownBy(() -> task.checkInput(PipelineFixtures.yaml("symbol: [a, b]"))).hasMessage("input.symbol: must be text or a number, not a list");
      task.checkInput(PipelineFixtures.yaml("symbol: ETHUSDT"));
    }
  }
}
