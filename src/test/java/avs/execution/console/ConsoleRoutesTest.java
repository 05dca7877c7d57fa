package avs.execution.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import avs.execution.json.Json;
import avs.execution.support.FlakyNode;
import avs.execution.support.FlakyNode.Mode;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTP on 127.0.0.1, without a browser: what each page says, escaping, and who may act. */
class ConsoleRoutesTest {
  private static final String TOKEN = "routes-test-token-0123456789";
  @TempDir Path dataDir;
  private final StandInUpstreams upstreams = new StandInUpstreams();
  private FlakyNode node;
  private ServiceHarness service;

  @BeforeEach
  void start() {
    node = new FlakyNode(Mode.BAD_REQUEST_400);
    service = new ServiceHarness(dataDir, upstreams.variables(Map.of("OTHENTIC_CLIENT_RPC_ADDRESS", node.url(), "ACK_WAIT_MS", "300",
        "CONSOLE_TOKEN", TOKEN)));
  }

  @AfterEach
  void stop() {
    service.close();
    node.close();
    upstreams.close();
  }

  private String deadTask(String idempotencyKey) {
    HttpResponse<String> answer = service.post("/task/execute", "{\"taskDefinitionId\":0,\"async\":true}", "Idempotency-Key", idempotencyKey);
    String id = Json.MAPPER.readTree(answer.body()).path("data").path("taskId").asString();
    await().atMost(Duration.ofSeconds(15)).until(() -> state(id).equals("dead"));
    return id;
  }

  private String state(String id) {
    return Json.MAPPER.readTree(service.get("/task/" + id).body()).path("data").path("state").asString();
  }

  @Test
  void pagesAreHtmlAndEscapeWhatTasksCarry() {
    String id = deadTask("<script>alert(1)</script>");
    HttpResponse<String> page = service.get("/console/task/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    assertThat(page.body()).contains("not acknowledged", "Re-queue this task");
    assertThat(service.get("/console/tasks?state=dead").body()).contains("data-task-id=\"" + id + "\"");
    assertThat(service.get("/console/tasks?state=acknowledged").body()).doesNotContain("data-task-id=\"" + id + "\"");
    assertThat(service.get("/console/dead").body()).contains(id);
    assertThat(service.get("/console/assets/htmx.min.js").statusCode()).isEqualTo(200);
  }

  @Test
  void badFiltersAndUnknownTasksAreClientErrors() {
    HttpResponse<String> badState = service.get("/console/tasks?state=lost");
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(badState.body()).contains("state");
    HttpResponse<String> badTask = service.get("/console/tasks?task=seven");
    assertThat(badTask.statusCode()).isEqualTo(400);
    assertThat(badTask.body()).contains("task", "whole number");
    assertThat(service.get("/console/task/nope").statusCode()).isEqualTo(404);
    assertThat(service.get("/console/assets/secrets.txt").statusCode()).isEqualTo(404);
  }

  @Test
  void requeueingNeedsTheTokenAndRefusesCrossSiteRequests() {
    String id = deadTask("requeue-test");
    String path = "/console/task/" + id + "/requeue";
    assertThat(service.post(path, "").statusCode()).isEqualTo(403);
    assertThat(service.post(path, "", "X-Console-Token", "wrong-token-0123456789").statusCode()).isEqualTo(403);
    assertThat(service.post(path, "", "X-Console-Token", TOKEN, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    assertThat(service.post(path, "", "X-Console-Token", TOKEN, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(state(id)).isEqualTo("dead");
    node.mode(Mode.ACKNOWLEDGE);
    HttpResponse<String> done = service.post(path, "", "X-Console-Token", TOKEN);
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("re-queued 1 task");
    await().atMost(Duration.ofSeconds(15)).until(() -> state(id).equals("acknowledged"));
    HttpResponse<String> again = service.post(path, "", "X-Console-Token", TOKEN);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("not dead");
  }

  @Test
  void signingInTakesTheTokenAndGivesAStrictSessionCookie() {
    HttpResponse<String> wrong = service.post("/console/login", "{\"token\":\"not-the-token-at-all\"}");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(service.post("/console/login", "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> right = service.post("/console/login", "{\"token\":\"" + TOKEN + "\"}");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
        .startsWith(ConsoleAccess.SESSION_COOKIE + "=").contains("HttpOnly", "SameSite=Strict").doesNotContain(TOKEN));
  }

  @Test
  void theConfigurationShowsNoSecret() {
    String page = service.get("/console/config").body();
    assertThat(page).contains("PRIVATE_KEY_PERFORMER", "set (never shown)", "OUTBOX_SYNC");
    assertThat(page).doesNotContain(ServiceHarness.KEY.substring(2), TOKEN);
  }
}
