package avs.execution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.Main;
import avs.execution.support.LoopbackServer;
import io.helidon.http.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code avs health}: the container's HEALTHCHECK, asking the node API first and the services' /health after. */
class HealthCommandTest {
  @TempDir
  Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int health(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "health";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(all, new CliContext(env, dir, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @Test
  void readyWhenTheNodeApiSaysSo() {
    try (LoopbackServer api = LoopbackServer.start(routes -> routes.get("/health/ready", (req, res) -> res.send("{\"status\":\"healthy\"}")))) {
      assertThat(health(Map.of("NODE_API_PORT", Integer.toString(api.port())))).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("ready: http://127.0.0.1:" + api.port() + "/health/ready answered 200");
    }
  }

  @Test
  void notReadyWhenTheAnswerIsAnErrorAndTheAnswerIsShownEscaped() {
    try (LoopbackServer api = LoopbackServer.start(routes -> routes.get("/health/ready",
        (req, res) -> res.status(Status.SERVICE_UNAVAILABLE_503).send("{\"status\":\"unhealthy\",\u001b[31m\"outbox\":\"down\"}")))) {
      assertThat(health(Map.of("NODE_API_PORT", Integer.toString(api.port())))).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered 503").contains("unhealthy").doesNotContain("\u001b");
    }
  }

  @Test
  void withTheNodeApiOffItAsksTheExecutionServicesHealth() {
    try (LoopbackServer service = LoopbackServer.start(routes -> routes.get("/health", (req, res) -> res.send("{}")))) {
      assertThat(health(Map.of("NODE_API_PORT", "off", "PORT", Integer.toString(service.port())))).isZero();
    }
  }

  @Test
  void nothingListeningIsNotReadyAndNamesWhereItAsked() {
    int closed = LoopbackServer.closedPort();
    assertThat(health(Map.of(), "--url", "http://127.0.0.1:" + closed + "/health", "--timeout", "1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing answers at http://127.0.0.1:" + closed + "/health");
  }
}
