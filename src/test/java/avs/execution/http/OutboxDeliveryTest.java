package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import avs.execution.json.Json;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.support.FlakyNode;
import avs.execution.support.FlakyNode.Mode;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Delivery through the outbox, against a node stand-in on 127.0.0.1 that refuses, fails, hangs or acknowledges on
 * command: each failure class, each state change, and what the trigger and the status endpoints say about it.
 */
class OutboxDeliveryTest {
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  @TempDir Path dataDir;
  private final StandInUpstreams upstreams = new StandInUpstreams();
  private FlakyNode node;
  private ServiceHarness service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (node != null) {
      node.close();
    }
    upstreams.close();
  }

  private ServiceHarness start(Mode mode, Map<String, String> extra) {
    node = node == null ? new FlakyNode(mode) : node;
    node.mode(mode);
    Map<String, String> variables = new HashMap<>(Map.of(
        "OTHENTIC_CLIENT_RPC_ADDRESS", node.url(),
        "ACK_WAIT_MS", "300",
        "RETRY_BASE_MS", "20",
        "RETRY_MAX_MS", "100"));
    variables.putAll(extra);
    service = new ServiceHarness(dataDir, upstreams.variables(variables));
    return service;
  }

  private static JsonNode body(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }

  private JsonNode status(String taskId) {
    HttpResponse<String> response = service.get("/task/" + taskId);
    assertThat(response.statusCode()).isEqualTo(200);
    return body(response).get("data");
  }

  private void awaitState(String taskId, String state) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> status(taskId).get("state").asString().equals(state));
  }

  @Test
  void anAcknowledgedTaskAnswers200AndIsRecordedWithItsParams() {
    start(Mode.ACKNOWLEDGE, Map.of());
    HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":0}");
    assertThat(response.statusCode()).isEqualTo(200);
    String proof = body(response).get("data").get("proofOfTask").asString();
    // the listing reads a moment behind the writer: the acknowledgement is committed with the next batch
    await().atMost(PATIENCE).until(() -> body(service.get("/tasks?state=acknowledged")).get("data").get("counts").get("acknowledged").asInt() == 1);
    JsonNode listing = body(service.get("/tasks?state=acknowledged")).get("data");
    JsonNode task = listing.get("tasks").get(0);
    assertThat(task.get("proofOfTask").asString()).isEqualTo(proof);
    assertThat(task.get("attempts").asInt()).isEqualTo(1);
    assertThat(Json.MAPPER.writeValueAsString(task.get("params"))).isEqualTo(node.acknowledged().get(0));
  }

  @Test
  void aBusyNodeGets202ThenTheSameBytesUntilItAcknowledges() {
    start(Mode.BUSY_503, Map.of());
    HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":0}");
    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode data = body(response).get("data");
    String taskId = data.get("taskId").asString();
    assertThat(data.get("state").asString()).isIn("pending", "received");
    assertThat(response.headers().firstValue("Location")).contains("/task/" + taskId);
    await().atMost(PATIENCE).until(() -> node.calls().size() >= 3);
    JsonNode pending = status(taskId);
    assertThat(pending.get("state").asString()).isEqualTo("pending");
    assertThat(pending.get("lastError").asString()).contains("busy (HTTP 503)");
    assertThat(pending.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    node.mode(Mode.ACKNOWLEDGE);
    awaitState(taskId, "acknowledged");
    List<String> calls = node.calls();
    assertThat(calls).as("every attempt sends the bytes stored at signing").containsOnly(calls.get(0));
    assertThat(node.acknowledged()).hasSize(1);
  }

  @Test
  void serverErrorsInternalRpcErrorsAndTimeoutsAreRetried() {
    start(Mode.ERROR_500, Map.of("NODE_TIMEOUT_MS", "200"));
    String first = body(service.post("/task/execute", "{}")).get("data").get("taskId").asString();
    await().atMost(PATIENCE).until(() -> status(first).get("attempts").asInt() >= 2);
    assertThat(status(first).get("lastError").asString()).contains("HTTP 500");
    node.mode(Mode.INTERNAL_ERROR);
    await().atMost(PATIENCE).until(() -> status(first).get("lastError").asString().contains("p2p not ready"));
    node.mode(Mode.HANG);
    await().atMost(PATIENCE).until(() -> status(first).get("lastError").asString().contains("Othentic node"));
    assertThat(status(first).get("state").asString()).isEqualTo("pending");
    node.mode(Mode.ACKNOWLEDGE);
    awaitState(first, "acknowledged");
  }

  @Test
  void aRefusedTaskIsDeadAt502WithTheNodesReasonAndIsNotRetried() {
    start(Mode.INVALID_PARAMS, Map.of());
    HttpResponse<String> response = service.post("/task/execute", "{}");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(body(response).get("message").asString()).contains("invalid proofOfTask").contains("-32602");
    JsonNode dead = body(service.get("/tasks?state=dead")).get("data").get("tasks").get(0);
    assertThat(dead.get("state").asString()).isEqualTo("dead");
    assertThat(dead.get("lastError").asString()).startsWith("refused:");
    assertThat(node.calls()).hasSize(1);
  }

  @Test
  void aClientErrorFromTheNodeIsFinalToo() {
    start(Mode.BAD_REQUEST_400, Map.of());
    HttpResponse<String> response = service.post("/task/execute", "{}");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(body(response).get("message").asString()).contains("HTTP 400");
    assertThat(node.calls()).hasSize(1);
  }

  @Test
  void aTaskOutOfAttemptsIsDeadAndAnOperatorCanRequeueIt() {
    start(Mode.BUSY_503, Map.of("SUBMIT_MAX_ATTEMPTS", "3"));
    String taskId = body(service.post("/task/execute", "{\"async\":true}")).get("data").get("taskId").asString();
    awaitState(taskId, "dead");
    JsonNode dead = status(taskId);
    assertThat(dead.get("attempts").asInt()).isEqualTo(3);
    assertThat(dead.get("lastError").asString()).contains("no acknowledgement after 3 attempts").contains("503");
    assertThat(node.calls()).hasSize(3);
    node.mode(Mode.ACKNOWLEDGE);
    assertThat(service.requeueDead(List.of())).isEqualTo(1);
    awaitState(taskId, "acknowledged");
    assertThat(node.calls()).containsOnly(node.calls().get(0));
  }

  @Test
  void aTaskPastItsDeadlineIsDead() {
    start(Mode.BUSY_503, Map.of("TASK_DEADLINE_SECONDS", "1", "RETRY_BASE_MS", "200", "RETRY_MAX_MS", "400"));
    String taskId = body(service.post("/task/execute", "{\"async\":true}")).get("data").get("taskId").asString();
    awaitState(taskId, "dead");
    assertThat(status(taskId).get("lastError").asString()).contains("deadline").contains("TASK_DEADLINE_SECONDS");
  }

  @Test
  void respondAsyncAnswers202AtOnceAndTheTaskCompletesInTheBackground() {
    start(Mode.ACKNOWLEDGE, Map.of());
    HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":0}", "Prefer", "respond-async");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Preference-Applied")).contains("respond-async");
    String taskId = body(response).get("data").get("taskId").asString();
    awaitState(taskId, "acknowledged");
    HttpResponse<String> flagged = service.post("/task/execute", "{\"async\":true}");
    assertThat(flagged.statusCode()).isEqualTo(202);
    awaitState(body(flagged).get("data").get("taskId").asString(), "acknowledged");
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameTaskWithoutRunningItAgain() {
    start(Mode.ACKNOWLEDGE, Map.of());
    HttpResponse<String> first = service.post("/task/execute", "{}", "Idempotency-Key", "trigger-42");
    HttpResponse<String> second = service.post("/task/execute", "{}", "Idempotency-Key", "trigger-42");
    HttpResponse<String> byBody = service.post("/task/execute", "{\"requestId\":\"trigger-42\"}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(byBody.body()).isEqualTo(first.body());
    assertThat(node.calls()).hasSize(1);
    HttpResponse<String> conflicting = service.post("/task/execute", "{\"requestId\":\"a\"}", "Idempotency-Key", "b");
    assertThat(conflicting.statusCode()).isEqualTo(400);
    assertThat(body(conflicting).get("message").asString()).contains("requestId");
  }

  @Test
  void beyondMaxInFlightTheAnswerIs429WithRetryAfter() throws Exception {
    start(Mode.HANG, Map.of("MAX_IN_FLIGHT", "1", "ACK_WAIT_MS", "3000", "NODE_TIMEOUT_MS", "2000"));
    CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> service.post("/task/execute", "{}"));
    await().atMost(PATIENCE).until(() -> !node.calls().isEmpty());
    HttpResponse<String> refused = service.post("/task/execute", "{}");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(body(refused).get("message").asString()).contains("MAX_IN_FLIGHT");
    node.mode(Mode.ACKNOWLEDGE);
    assertThat(slow.get().statusCode()).isIn(200, 202);
  }

  @Test
  void unfinishedTasksResumeAfterARestartWithTheirStoredBytes() {
    start(Mode.BUSY_503, Map.of("RETRY_BASE_MS", "5000", "RETRY_MAX_MS", "5000"));
    String taskId = body(service.post("/task/execute", "{}")).get("data").get("taskId").asString();
    service.close();
    service = null;
    String sentBefore = node.calls().get(0);
    start(Mode.ACKNOWLEDGE, Map.of("RETRY_BASE_MS", "20", "RETRY_MAX_MS", "100"));
    // the retry is due in 5 s from the first run's schedule; requeue-free resumption must still happen by then
    await().atMost(PATIENCE).until(() -> status(taskId).get("state").asString().equals("acknowledged"));
    assertThat(node.acknowledged()).containsExactly(sentBefore);
  }

  @Test
  void shutdownLetsTheSendUnderWayFinishAndRecordsIt() throws Exception {
    start(Mode.HANG, Map.of("NODE_TIMEOUT_MS", "1500", "ACK_WAIT_MS", "5000", "RETRY_BASE_MS", "60000", "RETRY_MAX_MS", "60000"));
    CompletableFuture<HttpResponse<String>> trigger = CompletableFuture.supplyAsync(() -> service.post("/task/execute", "{}"));
    await().atMost(PATIENCE).until(() -> !node.calls().isEmpty());
    service.close(); // what SIGTERM does
    service = null;
    try {
      trigger.get();
    } catch (java.util.concurrent.ExecutionException e) {
      // the connection may close with the server; the task's fate is in the outbox
    }
    try (Outbox after = Outbox.embedded(dataDir.resolve("outbox.db"), Clock.systemUTC())) {
      TaskRecord task = after.list(java.util.Set.of(), 10).get(0);
      assertThat(task.state()).isEqualTo(avs.execution.outbox.TaskState.PENDING);
      assertThat(task.attempts()).as("the attempt under way at shutdown finished and was recorded").isEqualTo(1);
      assertThat(task.lastError()).hasValueSatisfying(error -> assertThat(error).contains("Othentic node"));
    }
  }

  @Test
  void aTaskAcceptedButNotSignedBeforeACrashIsSignedAndSentAtTheNextStart() {
    Instant now = Instant.now();
    try (Outbox crashed = Outbox.embedded(dataDir.resolve("outbox.db"), Clock.systemUTC())) {
      crashed.admit(TaskRecord.received("accepted-then-killed", Optional.of("k-1"), 0, OptionalLong.empty(), Optional.empty(), now, now.plus(Duration.ofHours(1))),
          now.plus(Duration.ofMinutes(2))); // still leased by the trigger that was killed
    }
    start(Mode.ACKNOWLEDGE, Map.of());
    awaitState("accepted-then-killed", "acknowledged");
    JsonNode task = status("accepted-then-killed");
    assertThat(task.get("proofOfTask").asString()).startsWith("Qm");
    assertThat(Json.MAPPER.writeValueAsString(task.get("params"))).isEqualTo(node.acknowledged().get(0));
  }

  @Test
  void listingRefusesUnknownStatesAndLimits() {
    start(Mode.ACKNOWLEDGE, Map.of());
    assertThat(service.get("/tasks?state=lost").statusCode()).isEqualTo(400);
    assertThat(body(service.get("/tasks?state=lost")).get("message").asString()).contains("state");
    assertThat(service.get("/tasks?limit=0").statusCode()).isEqualTo(400);
    assertThat(service.get("/task/no-such-task").statusCode()).isEqualTo(404);
  }
}
