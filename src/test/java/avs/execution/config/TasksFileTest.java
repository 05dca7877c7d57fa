package avs.execution.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.task.DataPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tasks file: its shape, its defaults, and every problem at once with its place. */
class TasksFileTest {
  @TempDir Path dir;

  private Settings load(String yaml, Map<String, String> variables) throws IOException {
    Files.writeString(dir.resolve("tasks.yaml"), yaml);
    return SettingsLoader.load(Map.of(), variables, dir.resolve(".env"));
  }

  @Test
  void theIssuesExampleIsReadAsWritten() throws IOException {
    Settings settings = load("""
        tasks:
          - id: 7                       # taskDefinitionId 0..65535, or "*" for every other id
            name: factor                # for logs, metrics and errors
            adapter:                    # or: builtin: price-oracle (with its settings as keys)
              command: [python3, adapters/factor.py]   # argv, no shell; or url: http://127.0.0.1:9100/
              timeout: 10s
              env: {API_TOKEN: "${API_TOKEN}"}          # passed on explicitly; nothing else leaks in
            params: {maxDigits: 40}     # static settings handed to every call
          - id: "*"
            builtin: price-oracle
            symbol: BTCUSDT
            data: auto
            dataInlineMaxBytes: 64
        """, Map.of());
    assertThat(settings.tasks()).hasSize(2);
    var factor = settings.tasks().get(0);
    assertThat(factor.idText()).isEqualTo("7");
    assertThat(factor.name()).isEqualTo("factor");
    assertThat(factor.kind()).isEqualTo("adapter");
    assertThat(factor.settings().get("command").toString()).isEqualTo("[\"python3\",\"adapters/factor.py\"]");
    assertThat(factor.settings().get("env").get("API_TOKEN").asString()).isEqualTo("${API_TOKEN}");
    assertThat(factor.params().get("maxDigits").asInt()).isEqualTo(40);
    assertThat(factor.place()).isEqualTo("tasks[0]");
    var oracle = settings.tasks().get(1);
    assertThat(oracle.idText()).isEqualTo("*");
    assertThat(oracle.kind()).isEqualTo("price-oracle");
    assertThat(oracle.name()).as("a builtin without a name is called by its kind").isEqualTo("price-oracle");
    assertThat(oracle.settings().get("symbol").asString()).isEqualTo("BTCUSDT");
    assertThat(oracle.data()).isEqualTo(new DataPlacement(DataPlacement.Mode.AUTO, 64));
    assertThat(settings.tasksDirectory()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPlace() throws IOException {
    assertThat(load("""
        tasks:
          - id: 10002
            name: bad name!
            adapter: {command: [x]}
          - id: 70000
            builtin: price-oracle
            adapter: {url: "http://127.0.0.1/"}
          - name: no-id
            builtin: price-oracle
            data: sometimes
          - id: 3
            adapter: {command: [x]}
            colour: blue
        extra: true
        """, Map.of()).taskProblems()).as("held until the kinds have checked their settings too, then reported together")
        .containsExactlyInAnyOrder(
            "TASKS_FILE " + dir.resolve("tasks.yaml") + ": unknown key extra (the file has only tasks:)",
            "tasks[0].id 10002 is reserved for the Othentic node's own internal tasks (10001–10003): choose another id for this AVS's task",
            "tasks[0].name: must be 1 to 64 letters, digits, '.', '_' or '-' (it labels metrics and logs; got \"bad name!\")",
            "tasks[1].id \"70000\" must be * or a number from 0 to 65535",
            "tasks[1]: give exactly one of adapter: (your own code), pipeline: (steps, no code) or builtin: (e.g. builtin: price-oracle); it has adapter and builtin",
            "tasks[2].id: is required: the taskDefinitionId (0 to 65535), or \"*\" for every other id",
            "tasks[2].data: must be inline, ipfs or auto (got \"sometimes\")",
            "tasks[3].colour: unknown key (known: adapter, builtin, data, dataInlineMaxBytes, id, name, params, pipeline, trigger)");
    assertThatThrownBy(() -> load("tasks:\n  - {id: 1, builtin: price-oracle, colour: red}\n", Map.of("PORT", "x")))
        .as("with another setting's problem, the task problems come along").isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.startsWith("PORT")));
  }

  @Test
  void yamlErrorsNameTheLineAndAKeyGivenTwiceIsOne() throws IOException {
    assertThat(load("tasks:\n  - id: 1\n    id: 2\n    builtin: price-oracle\n", Map.of()).taskProblems())
        .singleElement().asString().contains("line 3").contains("Duplicate");
    assertThat(load("tasks: [\n", Map.of()).taskProblems()).singleElement().asString().contains("TASKS_FILE");
  }

  @Test
  void aTasksFileAndTaskDefinitionsAtOnceIsAnErrorNamingBoth() throws IOException {
    Files.writeString(dir.resolve("mine.yaml"), "tasks:\n  - {id: 1, builtin: price-oracle}\n");
    assertThat(SettingsLoader.load(Map.of(), Map.of("TASKS_FILE", "mine.yaml", "TASK_DEFINITIONS", "0=price-oracle"), dir.resolve(".env"))
        .taskProblems()).singleElement().asString().contains("both TASKS_FILE and TASK_DEFINITIONS are set");
    assertThat(SettingsLoader.load(Map.of(), Map.of("TASKS_FILE", "missing.yaml"), dir.resolve(".env")).taskProblems())
        .singleElement().asString().contains("TASKS_FILE " + dir.resolve("missing.yaml") + " does not exist");
    assertThat(SettingsLoader.load(Map.of(), Map.of("TASKS_FILE", "mine.yaml"), dir.resolve(".env")).tasks()).hasSize(1);
  }

  @Test
  void taskDefinitionsStillWorksWithoutAFileAndRefusesTheNodesIds() {
    Settings settings = SettingsLoader.load(Map.of(), Map.of("TASK_DEFINITIONS", "0=price-oracle,7=price-oracle"), dir.resolve(".env"));
    assertThat(settings.tasks()).extracting(spec -> spec.idText()).containsExactly("0", "7");
    assertThat(SettingsLoader.load(Map.of(), Map.of("TASK_DEFINITIONS", "10001=price-oracle,3=factor"), dir.resolve(".env")).taskProblems())
        .anyMatch(p -> p.contains("TASK_DEFINITIONS id 10001 is reserved"))
        .anyMatch(p -> p.contains("\"factor\" needs a tasks file (TASKS_FILE)"));
  }
}
