package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.devnet.NodeStandIn;
import avs.execution.json.Json;
import avs.execution.proof.CidVersion;
import avs.execution.proof.UnixFsDag;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import io.helidon.webserver.http.Handler;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The upstreams before signing (exchange, Pinata) failing, timing out or answering garbage, each as a real HTTP
 * server on 127.0.0.1: the trigger gets the error envelope with an honest status, never 200, and nothing is sent to
 * the node unless it has a verified proof. The node's own failures are retried from the outbox: OutboxDeliveryTest.
 */
class UpstreamFailuresTest {
  @TempDir Path dataDir;
  private StandInUpstreams upstreams;
  private NodeStandIn node;

  @BeforeEach
  void upstreams() {
    upstreams = new StandInUpstreams();
    node = upstreams.node;
  }

  @AfterEach
  void stop() {
    upstreams.close();
  }

  private HttpResponse<String> trigger(Map<String, String> variables) {
    try (ServiceHarness service = new ServiceHarness(dataDir, upstreams.variables(variables))) {
      return service.post("/task/execute", "{\"taskDefinitionId\":0}");
    }
  }

  private static void assertFailure(HttpResponse<String> response, int status, String messagePart) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("error").asBoolean()).isTrue();
    assertThat(body.get("data").isObject()).isTrue();
    assertThat(body.get("message").asString()).contains(messagePart);
  }

  private static HttpResponse<String> withServer(Handler handler, String path, java.util.function.Function<String, HttpResponse<String>> call) {
    try (LoopbackServer server = LoopbackServer.start(r -> r.any(path, handler))) {
      return call.apply(server.url(""));
    }
  }

  @Test
  void exchangeUnreachableIs503() {
    assertFailure(trigger(Map.of("ORACLE_BASE_URL", "http://127.0.0.1:" + LoopbackServer.closedPort() + "/api/v3/")), 503, "exchange");
    assertThat(node.received()).isEmpty();
  }

  @Test
  void exchangeTooSlowIs504() {
    HttpResponse<String> response = withServer((req, res) -> {
      Thread.sleep(2_500);
      res.send("{\"symbol\":\"ETHUSDT\",\"price\":\"1.0\"}");
    }, "/*", base -> trigger(Map.of("ORACLE_BASE_URL", base + "/api/v3/")));
    assertFailure(response, 504, "exchange");
    assertThat(node.received()).isEmpty();
  }

  @Test
  void exchangeGarbageIs502NamingWhatCameBack() {
    HttpResponse<String> response = withServer((req, res) -> res.send("<html>maintenance</html>"), "/*",
        base -> trigger(Map.of("ORACLE_BASE_URL", base + "/api/v3/")));
    assertFailure(response, 502, "maintenance");
    assertThat(node.received()).isEmpty();
  }

  @Test
  void exchangeRefusingTheSymbolIs502WithItsMessage() {
    HttpResponse<String> response = withServer((req, res) -> res.status(400).send("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"), "/*",
        base -> trigger(Map.of("ORACLE_BASE_URL", base + "/api/v3/")));
    assertFailure(response, 502, "Invalid symbol.");
  }

  @Test
  void exchangeRateLimitIs503() {
    HttpResponse<String> response = withServer((req, res) -> res.status(429).send("{}"), "/*",
        base -> trigger(Map.of("ORACLE_BASE_URL", base + "/api/v3/")));
    assertFailure(response, 503, "rate-limited");
  }

  @Test
  void theNodeGetsNumericIdsAndTheParamsOfTheProtocol() {
    AtomicInteger calls = new AtomicInteger();
    Map<String, JsonNode> seen = new ConcurrentHashMap<>();
    HttpResponse<String> response = withServer((req, res) -> {
      JsonNode call = Json.MAPPER.readTree(req.content().as(String.class));
      seen.put("call", call);
      calls.incrementAndGet();
      res.send("{\"jsonrpc\":\"2.0\",\"id\":" + call.get("id") + ",\"result\":\"ok\"}");
    }, "/*", base -> trigger(Map.of("OTHENTIC_CLIENT_RPC_ADDRESS", base + "/")));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode call = seen.get("call");
    assertThat(call.get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(call.get("method").asString()).isEqualTo("sendTask");
    assertThat(call.get("id").isIntegralNumber()).isTrue();
    JsonNode params = call.get("params");
    assertThat(params.size()).isEqualTo(5);
    assertThat(params.get(1).asString()).startsWith("0x");
    assertThat(params.get(2).isIntegralNumber()).isTrue();
    assertThat(params.get(4).asString()).matches("0x[0-9a-f]{130}");
  }

  /** A Pinata stand-in: checks the key headers, stores JSON.stringify(pinataContent), answers its CIDv0. */
  private static LoopbackServer pinata(String answerCid, int status) {
    return LoopbackServer.start(r -> r.post("/pinning/pinJSONToIPFS", (req, res) -> {
      boolean keyPair = "key".equals(req.headers().first(io.helidon.http.HeaderNames.create("pinata_api_key")).orElse(""))
          && "secret".equals(req.headers().first(io.helidon.http.HeaderNames.create("pinata_secret_api_key")).orElse(""));
      boolean jwt = "Bearer the-jwt".equals(req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION).orElse(""));
      if (!keyPair && !jwt) {
        res.status(401).send("{\"error\":\"Invalid API key\"}");
        return;
      }
      if (status == 299) {
        res.send("<html>not json</html>");
        return;
      }
      if (status == 0) {
        Thread.sleep(2_500);
      } else if (status != 200) {
        res.status(status).send("{\"error\":\"boom\"}");
        return;
      }
      byte[] stored = Json.bytes(Json.MAPPER.readTree(req.content().as(String.class)).get("pinataContent"));
      String cid = answerCid != null ? answerCid : UnixFsDag.cidOf(stored, CidVersion.V0);
      res.send("{\"IpfsHash\":\"" + cid + "\",\"PinSize\":" + stored.length + ",\"Timestamp\":\"2026-11-23T00:00:00Z\"}");
    }));
  }

  private HttpResponse<String> triggerWithPinata(LoopbackServer pinata, String secret) {
    return trigger(Map.of("PROOF_STORE", "pinata", "PINATA_API_URL", pinata.url(""),
        "PINATA_API_KEY", "key", "PINATA_SECRET_API_KEY", secret));
  }

  @Test
  void pinataPinsTheProofAndItsCidIsTheLocalOne() {
    try (LoopbackServer pinata = pinata(null, 200)) {
      HttpResponse<String> response = triggerWithPinata(pinata, "secret");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(node.received()).singleElement().satisfies(t -> assertThat(t.accepted()).isTrue());
    }
  }

  @Test
  void pinataAnsweringAnotherCidIs502AndNothingIsSent() {
    try (LoopbackServer pinata = pinata("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX", 200)) {
      assertFailure(triggerWithPinata(pinata, "secret"), 502, "refusing to use an unverifiable proof");
      assertThat(node.received()).isEmpty();
    }
  }

  @Test
  void pinataRefusingTheKeysIs502NamingTheVariablesButNotTheSecret() {
    try (LoopbackServer pinata = pinata(null, 200)) {
      HttpResponse<String> response = triggerWithPinata(pinata, "wrong-secret-value");
      assertFailure(response, 502, "PINATA_SECRET_API_KEY");
      assertThat(response.body()).doesNotContain("wrong-secret-value");
      assertThat(node.received()).isEmpty();
    }
  }

  @Test
  void pinataServerErrorIs502AndUnreachableIs503() {
    try (LoopbackServer pinata = pinata(null, 500)) {
      assertFailure(triggerWithPinata(pinata, "secret"), 502, "HTTP 500");
    }
    assertFailure(trigger(Map.of("PROOF_STORE", "pinata", "PINATA_API_URL", "http://127.0.0.1:" + LoopbackServer.closedPort(),
        "PINATA_API_KEY", "key", "PINATA_SECRET_API_KEY", "secret")), 503, "Pinata");
    assertThat(node.received()).isEmpty();
  }

  @Test
  void pinataWithAJwtPinsTheProof() {
    try (LoopbackServer pinata = pinata(null, 200)) {
      HttpResponse<String> response = trigger(Map.of("PROOF_STORE", "pinata", "PINATA_API_URL", pinata.url(""), "PINATA_JWT", "the-jwt"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(node.received()).singleElement().satisfies(t -> assertThat(t.accepted()).isTrue());
    }
  }

  @Test
  void pinataTooSlowIs504AndGarbageIs502() {
    try (LoopbackServer pinata = pinata(null, 0)) {
      assertFailure(triggerWithPinata(pinata, "secret"), 504, "Pinata");
    }
    try (LoopbackServer pinata = pinata(null, 299)) {
      assertFailure(triggerWithPinata(pinata, "secret"), 502, "answer has no IpfsHash");
    }
    assertThat(node.received()).isEmpty();
  }
}
