package avs.execution.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.support.LoopbackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Calls made at the same time share exchanges as JSON-RPC batches, against a node stand-in on 127.0.0.1 that holds
 * its first answers until the test has made every call, so the later calls must wait in line and go together.
 */
class NodeClientBatchTest {
  private static final int CALLS = 40;
  private final HttpClient http = Upstreams.newClient(Duration.ofSeconds(3));
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final CountDownLatch allCalled = new CountDownLatch(1);
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
  private LoopbackServer node;

  @AfterEach
  void stop() {
    callers.shutdownNow();
    if (node != null) {
      node.close();
    }
  }

  /** A node that answers each body with {@code answer}, the first exchanges only once every call has been made. */
  private NodeClient client(int batchMax, Function<JsonNode, String> answer) {
    return client(batchMax, answer, 200);
  }

  /** The same, answering every batch (a JSON array) with HTTP {@code batchStatus}. */
  private NodeClient client(int batchMax, Function<JsonNode, String> answer, int batchStatus) {
    node = LoopbackServer.start(routes -> routes.post("/", (req, res) -> {
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      try {
        String body = req.content().as(String.class);
        bodies.add(body);
        allCalled.await(5, TimeUnit.SECONDS);
        JsonNode request = Json.MAPPER.readTree(body);
        res.status(request.isArray() ? batchStatus : 200).send(answer.apply(request));
      } finally {
        open.decrementAndGet();
      }
    }));
    return new NodeClient(http, new NodeSettings(URI.create(node.url("/")), Duration.ofSeconds(5), batchMax));
  }

  /** Acknowledges every call with its own first param as the result. */
  private static String acknowledgeEach(JsonNode request) {
    List<String> answers = new ArrayList<>();
    for (JsonNode call : request.isArray() ? request.valueStream().toList() : List.of(request)) {
      answers.add("{\"jsonrpc\":\"2.0\",\"id\":" + call.get("id").asLong() + ",\"result\":" + call.get("params").get(0) + "}");
    }
    return request.isArray() ? "[" + String.join(",", answers) + "]" : answers.getFirst();
  }

  private List<Future<Acknowledgement>> callAll(NodeClient client, int count) throws InterruptedException {
    List<Future<Acknowledgement>> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String params = "[\"proof-" + i + "\",\"0x\",\"0x\",\"0x\",0]";
      answers.add(callers.submit(() -> client.submit(params)));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (bodies.size() < CallBatcher.MAX_IN_FLIGHT && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(200); // the rest of the calls are in line by now
    allCalled.countDown();
    return answers;
  }

  @Test
  void aLoneCallGoesAloneAsTheSameObjectAsEver() {
    allCalled.countDown();
    NodeClient client = client(100, NodeClientBatchTest::acknowledgeEach);
    Acknowledgement answer = client.submit("[\"proof\",\"0x\",\"0x\",\"0x\",0]");
    assertThat(answer.result().asString()).isEqualTo("proof");
    assertThat(bodies).containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTask\",\"params\":[\"proof\",\"0x\",\"0x\",\"0x\",0]}");
  }

  @Test
  void credentialsInTheNodesUrlStayOutOfItsErrors() {
    String call = "[\"proof\",\"0x\",\"0x\",\"0x\",0]";
    NodeClient unreachable = clientAt("http://operator:s3cr3t@127.0.0.1:" + LoopbackServer.closedPort() + "/");
    assertThatThrownBy(() -> unreachable.submit(call)).isInstanceOf(UpstreamFailure.class)
        .hasMessageContaining("http://***@127.0.0.1:").hasMessageNotContaining("s3cr3t");
    node = LoopbackServer.start(routes -> routes.post("/", (req, res) -> res.status(500).send("internal error")));
    NodeClient failing = clientAt(node.url("/").replace("http://", "http://operator:s3cr3t@"));
    assertThatThrownBy(() -> failing.submit(call)).isInstanceOf(UpstreamFailure.class)
        .hasMessageContaining("HTTP 500 from http://***@127.0.0.1:").hasMessageNotContaining("s3cr3t");
  }

  private NodeClient clientAt(String url) {
    return new NodeClient(http, new NodeSettings(URI.create(url), Duration.ofSeconds(2), 100));
  }

  @Test
  void callsMadeTogetherShareBatchesAndEachGetsItsOwnAnswer() throws Exception {
    NodeClient client = client(100, NodeClientBatchTest::acknowledgeEach);
    List<Future<Acknowledgement>> answers = callAll(client, CALLS);
    for (int i = 0; i < CALLS; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS).result().asString()).isEqualTo("proof-" + i);
    }
    assertThat(mostOpen.get()).isLessThanOrEqualTo(CallBatcher.MAX_IN_FLIGHT);
    assertThat(bodies.size()).isLessThan(CALLS);
    assertThat(bodies).anyMatch(body -> body.startsWith("["));
    List<Long> ids = new ArrayList<>();
    for (String body : bodies) {
      JsonNode request = Json.MAPPER.readTree(body);
      (request.isArray() ? request.valueStream().toList() : List.of(request)).forEach(call -> {
        assertThat(call.get("method").asString()).isEqualTo("sendTask");
        ids.add(call.get("id").asLong());
      });
    }
    assertThat(ids).hasSize(CALLS).doesNotHaveDuplicates();
  }

  @Test
  void noBatchIsLargerThanNodeBatchMax() throws Exception {
    NodeClient client = client(3, NodeClientBatchTest::acknowledgeEach);
    for (Future<Acknowledgement> answer : callAll(client, CALLS)) {
      answer.get(10, TimeUnit.SECONDS);
    }
    assertThat(bodies).allSatisfy(body -> {
      JsonNode request = Json.MAPPER.readTree(body);
      assertThat(request.isArray() ? request.size() : 1).isBetween(1, 3);
    });
    assertThat(bodies).anyMatch(body -> Json.MAPPER.readTree(body).size() == 3);
  }

  @Test
  void nodeBatchMaxOneSendsEveryCallAlone() throws Exception {
    NodeClient client = client(1, NodeClientBatchTest::acknowledgeEach);
    for (Future<Acknowledgement> answer : callAll(client, 12)) {
      answer.get(10, TimeUnit.SECONDS);
    }
    assertThat(bodies).hasSize(12).noneMatch(body -> body.startsWith("["));
  }

  @Test
  void answersComeBackInAnyOrderAndARefusalOrAMissingAnswerFailsOnlyItsCall() throws Exception {
    NodeClient client = client(100, request -> {
      if (!request.isArray()) {
        return acknowledgeEach(request);
      }
      List<String> answers = new ArrayList<>();
      for (JsonNode call : request) {
        String proof = call.get("params").get(0).asString();
        int index = Integer.parseInt(proof.substring("proof-".length()));
        long id = call.get("id").asLong();
        if (index % 5 == 2) {
          answers.add("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32602,\"message\":\"invalid proofOfTask\"}}");
        } else if (index % 5 != 3) { // those get no answer at all
          answers.add("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"" + proof + "\"}");
        }
      }
      Collections.reverse(answers);
      return "[" + String.join(",", answers) + "]";
    });
    List<Future<Acknowledgement>> answers = callAll(client, CALLS);
    List<Object> outcomes = new ArrayList<>();
    for (Future<Acknowledgement> answer : answers) {
      try {
        outcomes.add(answer.get(10, TimeUnit.SECONDS).result().asString());
      } catch (java.util.concurrent.ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    List<String> inBatches = new ArrayList<>();
    for (String body : bodies) {
      JsonNode request = Json.MAPPER.readTree(body);
      if (request.isArray()) {
        request.forEach(call -> inBatches.add(call.get("params").get(0).asString()));
      }
    }
    int refused = 0;
    int unanswered = 0;
    for (int i = 0; i < CALLS; i++) {
      String proof = "proof-" + i;
      boolean refuse = i % 5 == 2;
      if (inBatches.contains(proof) && (refuse || i % 5 == 3)) {
        assertThat(outcomes.get(i)).isInstanceOfSatisfying(UpstreamFailure.class, failure -> {
          assertThat(failure.retryable()).isEqualTo(!refuse);
          assertThat(failure.getMessage()).contains(refuse ? "invalid proofOfTask" : "has none for request id");
        });
        refused += refuse ? 1 : 0;
        unanswered += refuse ? 0 : 1;
      } else {
        assertThat(outcomes.get(i)).isEqualTo(proof);
      }
    }
    assertThat(refused).isPositive();
    assertThat(unanswered).isPositive();
  }

  @Test
  void aNodeThatAnswersABatchWithAJsonRpcErrorIsSentItsCallsAloneAtOnceAndEveryCallAfterThem() throws Exception {
    NodeClient client = client(100, request -> request.isArray()
        ? "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batches are not supported\"}}"
        : acknowledgeEach(request));
    assertEveryCallIsAnsweredAloneAfterARefusedBatch(client);
  }

  @Test
  void aNodeThatFailsOnABatchWithHttp500IsSentItsCallsAloneToo() throws Exception {
    NodeClient client = client(100, request -> request.isArray()
        ? "<html><body>TypeError: Cannot read properties of undefined (reading '0')</body></html>"
        : acknowledgeEach(request), 500);
    assertEveryCallIsAnsweredAloneAfterARefusedBatch(client);
  }

  private void assertEveryCallIsAnsweredAloneAfterARefusedBatch(NodeClient client) throws Exception {
    List<Future<Acknowledgement>> answers = callAll(client, CALLS);
    for (int i = 0; i < CALLS; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS).result().asString()).isEqualTo("proof-" + i);
    }
    assertThat(countBatchedCalls()).isPositive();
    List<Long> aloneIds = new ArrayList<>();
    for (String body : bodies) {
      JsonNode request = Json.MAPPER.readTree(body);
      if (!request.isArray()) {
        aloneIds.add(request.get("id").asLong());
      }
    }
    assertThat(aloneIds).hasSize(CALLS).doesNotHaveDuplicates();

    int firstRound = bodies.size();
    List<Future<Acknowledgement>> again = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String params = "[\"again-" + i + "\",\"0x\",\"0x\",\"0x\",0]";
      again.add(callers.submit(() -> client.submit(params)));
    }
    for (int i = 0; i < CALLS; i++) {
      assertThat(again.get(i).get(10, TimeUnit.SECONDS).result().asString()).isEqualTo("again-" + i);
    }
    assertThat(bodies.subList(firstRound, bodies.size())).hasSize(CALLS).noneMatch(body -> body.startsWith("["));
  }

  @Test
  void aBatchRefusedForLoadFailsItsCallsRetryablyAndBatchingGoesOn() throws Exception {
    NodeClient client = client(100, request -> request.isArray()
        ? "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32005,\"message\":\"busy\"}}"
        : acknowledgeEach(request), 503);
    List<Future<Acknowledgement>> answers = callAll(client, CALLS);
    int refused = 0;
    for (int i = 0; i < CALLS; i++) {
      try {
        assertThat(answers.get(i).get(10, TimeUnit.SECONDS).result().asString()).isEqualTo("proof-" + i);
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOfSatisfying(UpstreamFailure.class, failure -> {
          assertThat(failure.retryable()).isTrue();
          assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.UNAVAILABLE);
          assertThat(failure.getMessage()).contains("refused as a whole").contains("busy").contains("tried again");
        });
        refused++;
      }
    }
    assertThat(refused).isPositive().isEqualTo(countBatchedCalls());
    List<String> batched = new ArrayList<>();
    List<String> alone = new ArrayList<>();
    for (String body : bodies) {
      JsonNode request = Json.MAPPER.readTree(body);
      if (request.isArray()) {
        request.forEach(call -> batched.add(call.get("params").get(0).asString()));
      } else {
        alone.add(request.get("params").get(0).asString());
      }
    }
    // not sent again alone at once, as after a refusal of batches as such: the outbox tries them again later
    assertThat(alone).doesNotContainAnyElementsOf(batched);
  }

  private int countBatchedCalls() {
    int calls = 0;
    for (String body : bodies) {
      JsonNode request = Json.MAPPER.readTree(body);
      calls += request.isArray() ? request.size() : 0;
    }
    return calls;
  }
}
