package avs.execution.task.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.task.InvalidTaskSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An adapter entry's settings: every problem at once, each at its place, before anything runs. */
class AdapterSettingsTest {
  @Test
  void everyProblemIsNamedAtItsPlace() {
    assertThatThrownBy(() -> AdapterFixtures.adapter("bad", "{\"command\":[\"no-such-program-xyz\"],\"timeout\":\"ten seconds\","
        + "\"mode\":\"sometimes\",\"env\":{\"A\":\"${UNSET_VARIABLE}\"},\"colour\":\"blue\"}", "{}", Map.of()))
        .isInstanceOfSatisfying(InvalidTaskSpec.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "tasks[0].adapter.timeout: must be a duration such as 500ms, 10s or 2m (got \"ten seconds\")",
            "tasks[0].adapter.mode: must be per-call or persistent (got \"sometimes\")",
            "tasks[0].adapter.env.A: ${UNSET_VARIABLE} is not set in the environment or the .env file",
            "tasks[0].adapter.command: no-such-program-xyz was not found on PATH (" + System.getenv("PATH") + ")",
            "tasks[0].adapter.colour: unknown key (known: command, env, headers, maxOutputBytes, mode, timeout, url)"));
  }

  @Test
  void aProcessOrAnHttpAdapterTakesOnlyItsOwnSettings() {
    assertThatThrownBy(() -> AdapterFixtures.adapter("none", "{}", "{}", Map.of()))
        .hasMessageContaining("give exactly one of command: [program, args…] (a process) or url: http://…");
    assertThatThrownBy(() -> AdapterFixtures.adapter("both", "{\"command\":[\"python3\"],\"url\":\"http://127.0.0.1/\"}", "{}", Map.of()))
        .hasMessageContaining("give exactly one of command");
    assertThatThrownBy(() -> AdapterFixtures.adapter("http", "{\"url\":\"http://127.0.0.1/\",\"mode\":\"persistent\"}", "{}", Map.of()))
        .hasMessageContaining("tasks[0].adapter.mode: is for process adapters");
    assertThatThrownBy(() -> AdapterFixtures.adapter("proc", "{\"command\":[\"python3\"],\"headers\":{\"A\":\"b\"}}", "{}", Map.of()))
        .hasMessageContaining("tasks[0].adapter.headers: are for HTTP adapters");
    assertThatThrownBy(() -> AdapterFixtures.adapter("path", "{\"command\":[\"./nope.sh\"]}", "{}", Map.of()))
        .hasMessageContaining("./nope.sh is not an executable file (looked at " + AdapterFixtures.ADAPTERS.resolve("nope.sh") + ")");
  }
}
