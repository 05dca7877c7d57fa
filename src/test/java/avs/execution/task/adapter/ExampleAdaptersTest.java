package avs.execution.task.adapter;

import static avs.execution.task.adapter.AdapterFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.support.LoopbackServer;
import avs.execution.task.DataPlacement;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskResult;
import avs.execution.task.TaskSpec;
import avs.execution.task.ValidationRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples a team copies (examples/), run as they are: each passes the conformance check and does its job. */
@Timeout(120)
class ExampleAdaptersTest {
  private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

  private static TaskSpec spec(String settings, String params) {
    return new TaskSpec(OptionalInt.of(7), "example", AdapterFactory.KIND, Json.MAPPER.readTree(settings), Json.MAPPER.readTree(params),
        DataPlacement.INLINE, "tasks[0]");
  }

  private static void assertConforms(String settings, String params, String input) {
    List<Conformance.Case> cases = Conformance.check(spec(settings, params), AdapterFixtures.context(Map.of()), Json.MAPPER.readTree(input),
        Duration.ofSeconds(10));
    assertThat(cases).as(cases.toString()).hasSize(6).allMatch(Conformance.Case::passed);
  }

  @Test
  void thePythonFactorAdapterConformsPerCallAndAsAPersistentProcess() {
    String script = EXAMPLES.resolve("factor-python/factor.py").toString();
    assertConforms("{\"command\":[\"python3\",\"" + script + "\"]}", "{\"maxDigits\":40}", "{\"n\":\"8051\"}");
    assertConforms("{\"command\":[\"python3\",\"" + script + "\",\"--lines\"],\"mode\":\"persistent\"}", "{}", "{\"n\":\"1000000016000000063\"}");
  }

  @Test
  void theNodeLivenessAdapterConformsAndProvesWhatAnAttesterCanSeeForItself() throws Exception {
    int port = freePort();
    Process adapter = new ProcessBuilder("node", EXAMPLES.resolve("liveness-node/liveness.js").toString(), Integer.toString(port))
        .redirectErrorStream(true).start();
    try (LoopbackServer target = LoopbackServer.start(routes -> routes.get("/", (req, res) -> res.send("ok")))) {
      String url = "http://127.0.0.1:" + port + "/";
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reachable(port));
      String input = "{\"url\":\"" + target.url("/") + "\"}";
      assertConforms("{\"url\":\"" + url + "\"}", "{\"allowedHosts\":[\"127.0.0.1\"]}", input);

      try (TaskDefinition task = new AdapterFactory().create(spec("{\"url\":\"" + url + "\",\"timeout\":\"5s\"}", "{}"), AdapterFixtures.context(Map.of()))) {
        TaskResult up = task.execute(request(input));
        assertThat(new String(up.data())).isEqualTo("up");
        assertThat(task.validate(new ValidationRequest("Qm", up.proofDocument(), up.data(), 7, "0x")).approved()).isTrue();
        target.close();
        var verdict = task.validate(new ValidationRequest("Qm", up.proofDocument(), up.data(), 7, "0x"));
        assertThat(verdict.approved()).as("the attester sees it down now").isFalse();
        assertThat(verdict.reason()).contains("was proved up but is down here");
      }
    } finally {
      adapter.destroy();
      adapter.waitFor();
    }
  }

  private static boolean reachable(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
