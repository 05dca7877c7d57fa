package avs.execution.validation;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.proof.CidVersion;
import avs.execution.proof.UnixFsDag;
import avs.execution.sign.Hex;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ValidationHarness;
import io.helidon.http.HeaderNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /task/validate} as an attester's node calls it (PROTOCOL §4), against a real IPFS gateway and a real
 * exchange on 127.0.0.1 that the test controls: every answer the issue lists, with its status and message.
 */
class ValidationServiceTest {
  private static final String PRICE = "3000.00000000";
  @TempDir Path dataDir;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private volatile String exchangePrice = PRICE;
  private LoopbackServer gateway;
  private LoopbackServer exchange;
  private ValidationHarness service;

  @BeforeEach
  void start() {
    gateway = LoopbackServer.start(r -> r.get("/ipfs/{cid}", (request, response) -> {
      byte[] content = served.get(request.path().pathParameters().get("cid"));
      if (content == null) {
        response.status(404).send("not found");
      } else {
        response.send(content);
      }
    }));
    exchange = LoopbackServer.start(r -> r.get("/api/v3/ticker/price", (request, response) -> response
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .send("{\"symbol\":\"" + request.query().first("symbol").orElse("") + "\",\"price\":\"" + exchangePrice + "\"}")));
    service = new ValidationHarness(dataDir, variables(Map.of()));
  }

  private Map<String, String> variables(Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>(Map.of(
        "PINATA_GATEWAY", gateway.url("/ipfs/"),
        "ORACLE_BASE_URL", exchange.url("/api/v3/")));
    variables.putAll(extra);
    return variables;
  }

  @AfterEach
  void stop() {
    service.close();
    gateway.close();
    exchange.close();
  }

  /** A proof in this service's format, put on the gateway; returns its CID. */
  private String publish(String price, Instant observedAt) {
    return publish("{\"symbol\":\"ETHUSDT\",\"price\":\"" + price + "\",\"observedAt\":\"" + observedAt
        + "\",\"source\":\"https://api.binance.com/api/v3/ticker/price?symbol=ETHUSDT\",\"taskId\":\"t-1\"}");
  }

  private String publish(String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    String cid = UnixFsDag.cidOf(bytes, CidVersion.V0);
    served.put(cid, bytes);
    return cid;
  }

  private HttpResponse<String> validate(String proofOfTask, String data) {
    return service.post("/task/validate", "{\"proofOfTask\":\"" + proofOfTask + "\",\"data\":\"" + data
        + "\",\"taskDefinitionId\":0,\"performer\":\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"}");
  }

  private static String hex(String text) {
    return Hex.encode(text.getBytes(StandardCharsets.UTF_8));
  }

  /** 200 with a plain boolean in data (not {"result":…}), error false, and the reason in message. */
  private static String assertVerdict(HttpResponse<String> response, boolean approved) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("data").isBoolean()).as(response.body()).isTrue();
    assertThat(body.get("data").booleanValue()).as(response.body()).isEqualTo(approved);
    assertThat(body.get("error").booleanValue()).isFalse();
    return body.get("message").asString();
  }

  private static String assertNoVote(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("error").booleanValue()).isTrue();
    assertThat(body.get("data").isObject() && body.get("data").isEmpty()).isTrue();
    return body.get("message").asString();
  }

  @Test
  void aCorrectProofIsApproved() {
    String cid = publish("3012.34000000", Instant.now().minusSeconds(5));
    String message = assertVerdict(validate(cid, hex("3012.34000000")), true);
    assertThat(message).contains("3012.34000000").contains("0.411 %").contains("allowed: 5 %");
  }

  @Test
  void aWrongPriceIsRefusedWithTheDeviation() {
    String cid = publish("3300.00000000", Instant.now());
    assertThat(assertVerdict(validate(cid, hex("3300.00000000")), false)).contains("is 10 % from the current ETHUSDT price 3000");
  }

  @Test
  void theAllowedDeviationIsConfigurable() {
    service.close();
    service = new ValidationHarness(dataDir, variables(Map.of("ALLOWED_PRICE_DEVIATION", "0.2")));
    String cid = publish("3300.00000000", Instant.now());
    assertThat(assertVerdict(validate(cid, hex("3300.00000000")), true)).contains("allowed: 20 %");
  }

  @Test
  void aStaleProofIsRefused() {
    String cid = publish(PRICE, Instant.now().minus(Duration.ofHours(2)));
    assertThat(assertVerdict(validate(cid, hex(PRICE)), false)).contains("stale").contains("PROOF_MAX_AGE_SECONDS, is 3600 s");
  }

  @Test
  void aProofFromTheFutureIsRefused() {
    String cid = publish(PRICE, Instant.now().plus(Duration.ofMinutes(10)));
    assertThat(assertVerdict(validate(cid, hex(PRICE)), false)).contains("in the future");
  }

  @Test
  void aProofForAnotherSymbolIsRefused() {
    String cid = publish("{\"symbol\":\"BTCUSDT\",\"price\":\"3000.00\"}");
    assertThat(assertVerdict(validate(cid, hex("3000.00")), false)).contains("for BTCUSDT, but this AVS proves ETHUSDT");
  }

  @Test
  void dataThatIsNotTheProvenPriceIsRefused() {
    String cid = publish(PRICE, Instant.now());
    assertThat(assertVerdict(validate(cid, hex("9999.00")), false)).contains("is not the proven price " + PRICE);
  }

  @Test
  void aReferenceFormatProofIsJudgedOnItsPrice() {
    String cid = publish("{\"symbol\":\"ETHUSDT\",\"price\":\"3010.00000000\"}");
    // the reference performer sends its own text as data; only the price counts
    assertThat(assertVerdict(validate(cid, hex("hello")), true)).contains("reference-format proof");
    String far = publish("{\"symbol\":\"ETHUSDT\",\"price\":\"2000.00000000\"}");
    assertVerdict(validate(far, hex("hello")), false);
  }

  @Test
  void aTamperedBodyIsNotTrustedAndIsNoVote() {
    String cid = publish(PRICE, Instant.now());
    served.put(cid, "{\"symbol\":\"ETHUSDT\",\"price\":\"3000.00000001\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(assertNoVote(validate(cid, hex(PRICE)))).contains("IPFS gateway").contains("do not hash to " + cid);
  }

  @Test
  void anUnknownCidIsRefused() {
    String unknown = UnixFsDag.cidOf("never published".getBytes(StandardCharsets.UTF_8), CidVersion.V0);
    assertThat(assertVerdict(validate(unknown, hex(PRICE)), false)).contains("no proof document with CID " + unknown);
  }

  @Test
  void aStringThatIsNotACidIsRefused() {
    assertThat(assertVerdict(validate("hello", hex(PRICE)), false)).contains("proofOfTask \"hello\" is not an IPFS CID");
    assertThat(assertVerdict(validate("", hex(PRICE)), false)).contains("is not an IPFS CID");
  }

  @Test
  void aGatewayThatIsDownIsNoVote() {
    service.close();
    service = new ValidationHarness(dataDir, variables(Map.of("PINATA_GATEWAY", "http://127.0.0.1:" + LoopbackServer.closedPort() + "/ipfs/")));
    String cid = publish(PRICE, Instant.now());
    assertThat(assertNoVote(validate(cid, hex(PRICE)))).contains("cannot validate: IPFS gateway: cannot connect");
  }

  @Test
  void aGatewayAnsweringErrorsIsNoVote() {
    try (LoopbackServer failing = LoopbackServer.start(r -> r.get("/ipfs/{cid}", (request, response) -> response.status(502).send("bad gateway")))) {
      service.close();
      service = new ValidationHarness(dataDir, variables(Map.of("IPFS_HOST", failing.url("/ipfs/"), "PINATA_GATEWAY", "")));
      String cid = publish(PRICE, Instant.now());
      assertThat(assertNoVote(validate(cid, hex(PRICE)))).contains("HTTP 502");
    }
  }

  @Test
  void anExchangeThatIsDownIsNoVote() {
    exchange.close();
    String cid = publish(PRICE, Instant.now());
    assertThat(assertNoVote(validate(cid, hex(PRICE)))).contains("cannot validate").contains("exchange");
  }

  @Test
  void bothIdSpellingsAsNumberOrString() {
    String cid = publish(PRICE, Instant.now());
    for (String id : new String[] {"\"taskDefinitionId\":0", "\"taskDefinitionID\":0", "\"taskDefinitionId\":\"0\"", "\"taskDefinitionID\":\"0\""}) {
      HttpResponse<String> response = service.post("/task/validate", "{\"proofOfTask\":\"" + cid + "\",\"data\":\"" + hex(PRICE) + "\"," + id + ",\"performer\":\"0x01\"}");
      assertVerdict(response, true);
    }
  }

  @Test
  void malformedRequestsAre400NamingTheField() {
    assertBadRequest(service.post("/task/validate", "{\"data\":\"0x00\"}"), "proofOfTask");
    assertBadRequest(service.post("/task/validate", "{\"proofOfTask\":\"Qm\",\"data\":\"3000\"}"), "data");
    assertBadRequest(service.post("/task/validate", "{\"proofOfTask\":\"Qm\",\"data\":\"0xabc\"}"), "data");
    assertBadRequest(service.post("/task/validate", "{\"proofOfTask\":\"Qm\",\"taskDefinitionId\":70000}"), "taskDefinitionId");
    assertBadRequest(service.post("/task/validate", "{\"proofOfTask\":7}"), "proofOfTask");
    assertBadRequest(service.post("/task/validate", "not json"), "body");
  }

  private static void assertBadRequest(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("error").booleanValue()).isTrue();
    assertThat(body.get("message").asString()).contains(field);
  }

  @Test
  void customMessagesAreAcceptedAndKept() {
    HttpResponse<String> response = service.post("/p2p/message", "{\"data\":\"0x68656c6c6f\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).get("message").asString()).contains("5 bytes");
    JsonNode recent = Json.MAPPER.readTree(service.get("/p2p/messages").body()).get("data");
    assertThat(recent.get("total").asLong()).isEqualTo(1);
    assertThat(recent.get("recent").get(0).get("data").asString()).isEqualTo("0x68656c6c6f");
    assertBadRequest(service.post("/p2p/message", "{\"data\":\"hello\"}"), "data");
    assertBadRequest(service.post("/p2p/message", "{}"), "data");
  }

  @Test
  void customMessagesForATaskDefinitionReachOnlyItsHandlers() {
    service.close();
    service = new ValidationHarness(dataDir, variables(Map.of("TASK_DEFINITIONS", "0=price-oracle")));
    assertThat(service.post("/p2p/message", "{\"data\":\"0x01\",\"taskDefinitionId\":0}").body()).contains("task definition 0, 1 handler)");
    assertThat(service.post("/p2p/message", "{\"data\":\"0x01\",\"taskDefinitionID\":\"5\"}").body()).contains("task definition 5, 0 handlers)");
    assertThat(service.post("/p2p/message", "{\"data\":\"0x01\"}").body()).as("without an id, every task hears it").contains("1 handler)");
    assertBadRequest(service.post("/p2p/message", "{\"data\":\"0x01\",\"taskDefinitionId\":70000}"), "taskDefinitionId");
    JsonNode recent = Json.MAPPER.readTree(service.get("/p2p/messages").body()).get("data").get("recent");
    assertThat(recent.get(0).has("taskDefinitionId")).isFalse();
    assertThat(recent.get(1).get("taskDefinitionId").asInt()).isEqualTo(5);
  }

  /** A caller's text cannot write a log line of its own, or a line without end. */
  @Test
  void callerTextIsLoggedEscapedAndBounded() {
    try (avs.execution.support.LogCapture log = new avs.execution.support.LogCapture()) {
      String forged = "0x0000000000000000000000000000000000000001\n23:59:59.000 INFO  Validator - approved proof FORGED";
      String body = Json.text(Json.object().put("proofOfTask", "Qm\u0007\u001b[31mred\r" + "x".repeat(60_000)).put("data", "0x")
          .put("taskDefinitionId", 0).put("performer", forged));
      assertThat(service.post("/task/validate", body).statusCode()).isEqualTo(200);
      List<String> lines = log.lines();
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("REFUSED proof Qm\\u0007\\u001b[31mred\\r")
          .contains("…(+").contains("\\n23:59:59.000 INFO  Validator - approved proof FORGED"));
      assertThat(lines).noneMatch(line -> line.startsWith("23:59:59.000"));
      assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(5_000));
    }
  }
}
