package avs.execution.task.adapter;

import static avs.execution.task.adapter.AdapterFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.support.LoopbackServer;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import io.helidon.webserver.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** HTTP adapters against a real HTTP server on 127.0.0.1: the same contract as processes, and the ways HTTP fails. */
@Timeout(60)
class HttpAdapterTest {
  private static TaskDefinition adapter(LoopbackServer server, String extra) {
    return AdapterFixtures.adapter("remote", "{\"url\":\"" + server.url("/adapter") + "\",\"timeout\":\"1s\"" + extra + "}", "{\"p\":1}",
        Map.of("TOKEN", "s3cret"));
  }

  private static LoopbackServer serving(Handler handler) {
    return LoopbackServer.start(routes -> routes.post("/adapter", handler));
  }

  @Test
  void theSameJsonIsPostedWithItsHeadersAndTheAnswerUsed() {
    List<JsonNode> requests = new CopyOnWriteArrayList<>();
    List<String> tokens = new CopyOnWriteArrayList<>();
    try (LoopbackServer server = serving((req, res) -> {
      JsonNode call = Json.MAPPER.readTree(req.content().as(byte[].class));
      requests.add(call);
      tokens.add(req.headers().value(io.helidon.http.HeaderNames.AUTHORIZATION).orElse(""));
      res.send(call.path("op").asString().equals("execute") ? "{\"data\":{\"utf8\":\"up\"},\"proof\":{\"seen\":200}}"
          : "{\"valid\":true,\"reason\":\"up here too\"}");
    }); TaskDefinition task = adapter(server, ", \"headers\": {\"Authorization\": \"Bearer ${TOKEN}\"}")) {
      TaskResult result = task.execute(request("{\"url\":\"http://x/\"}"));
      assertThat(new String(result.data())).isEqualTo("up");
      assertThat(task.validate(new ValidationRequest("QmP", result.proofDocument(), result.data(), 7, "0xabc")).reason()).isEqualTo("up here too");
      assertThat(requests.get(0).toString()).isEqualTo("{\"version\":1,\"op\":\"execute\",\"taskId\":\"task-1\",\"taskDefinitionId\":7,"
          + "\"targetChainId\":null,\"input\":{\"url\":\"http://x/\"},\"params\":{\"p\":1}}");
      assertThat(requests.get(1).toString()).isEqualTo("{\"version\":1,\"op\":\"validate\",\"taskDefinitionId\":7,\"proofOfTask\":\"QmP\","
          + "\"proof\":{\"seen\":200},\"data\":\"0x7570\",\"performer\":\"0xabc\",\"input\":{\"url\":\"http://x/\"},\"params\":{\"p\":1}}");
      assertThat(tokens).containsOnly("Bearer s3cret");
    }
  }

  @ParameterizedTest(name = "HTTP {0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "503 | {}                                                   | UNAVAILABLE | true  | answered HTTP 503",
      "429 | {}                                                   | UNAVAILABLE | true  | answered HTTP 429",
      "400 | {}                                                   | REJECTED    | false | answered HTTP 400",
      "400 | {\"error\":{\"message\":\"try later\",\"retryable\":true}} | UNAVAILABLE | true  | try later",
      "200 | <html>                                               | BAD_ANSWER  | false | not JSON",
  })
  void httpFailuresAreClassifiedByWhetherAnotherTryCanPass(int status, String body, UpstreamFailure.Kind kind, boolean retryable, String message) {
    try (LoopbackServer server = serving((req, res) -> res.status(status).send(body)); TaskDefinition task = adapter(server, "")) {
      assertThatThrownBy(() -> task.execute(request("{}"))).isInstanceOfSatisfying(UpstreamFailure.class, e -> {
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains(message);
      });
    }
  }

  @Test
  void aSlowAHugeAndAMissingAdapterAreErrorsToo() {
    try (LoopbackServer slow = serving((req, res) -> {
      Thread.sleep(3_000);
      res.send("{}");
    }); TaskDefinition task = adapter(slow, "")) {
      assertThatThrownBy(() -> task.execute(request("{}"))).isInstanceOfSatisfying(UpstreamFailure.class,
          e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
    }
    try (LoopbackServer trickles = serving((req, res) -> {
      try (var out = res.outputStream()) {
        out.write("{\"data\":".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(3_000);
      }
    }); TaskDefinition task = adapter(trickles, "")) {
      assertThatThrownBy(() -> task.execute(request("{}"))).as("headers in time, the body not").isInstanceOfSatisfying(UpstreamFailure.class,
          e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
    }
    try (LoopbackServer huge = serving((req, res) -> res.send("x".repeat(200_000))); TaskDefinition task = adapter(huge, ", \"maxOutputBytes\": 100000")) {
      assertThatThrownBy(() -> task.execute(request("{}"))).hasMessageContaining("answered more than 100000 bytes");
    }
    TaskDefinition missing = AdapterFixtures.adapter("gone", "{\"url\":\"http://127.0.0.1:" + LoopbackServer.closedPort() + "/\"}", "{}", Map.of());
    assertThatThrownBy(() -> missing.execute(request("{}"))).isInstanceOfSatisfying(UpstreamFailure.class, e -> {
      assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.UNAVAILABLE);
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("cannot connect");
    });
  }
}
