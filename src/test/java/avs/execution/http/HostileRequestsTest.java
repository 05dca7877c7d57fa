package avs.execution.http;

import static avs.execution.support.RawHttp.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.support.LogCapture;
import avs.execution.support.RawHttp;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raw bytes against the whole execution service, as a hostile or broken client sends them. Bad framing is a 4xx
 * that closes the connection (so the bytes after it are never served as a request); other refusals keep it; every
 * error is the JSON envelope; no client error is logged with a stack trace; nothing refused reaches the node.
 */
class HostileRequestsTest {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final String HOST = "Host: 127.0.0.1\r\n";
  private static final String JSON = "Content-Type: application/json\r\n";
  /** Sent after a hostile request on the same connection: answered only if the connection was (rightly) kept. */
  private static final String CANARY = "GET /health HTTP/1.1\r\n" + HOST + "\r\n";
  @TempDir static Path dataDir;
  private static StandInUpstreams upstreams;
  private static ServiceHarness service;
  private static LogCapture log;

  @BeforeAll
  static void start() {
    log = new LogCapture();
    upstreams = new StandInUpstreams();
    service = new ServiceHarness(dataDir, upstreams.variables(Map.of("HEADERS_TIMEOUT_MS", "1000", "BODY_TIMEOUT_MS", "1000",
        "KEEP_ALIVE_TIMEOUT_MS", "1500", "MAX_BODY_BYTES", "4096")));
  }

  @AfterAll
  static void stop() {
    service.close();
    upstreams.close();
    log.close();
  }

  private static RawHttp.Exchange send(String request) {
    return RawHttp.send(service.port(), bytes(request), QUIET);
  }

  /** For requests the server answers without closing: reads the expected number of answers, no more waiting. */
  private static RawHttp.Exchange expect(String request, int responses) {
    return RawHttp.expect(service.port(), bytes(request), responses);
  }

  private static String post(String headers, String body) {
    return "POST /task/execute HTTP/1.1\r\n" + HOST + headers + "\r\n" + body;
  }

  /** Each line: the request (\r\n written as |, other controls as <NUL>, <CR>, <SOH>), the status, and words of the message. */
  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '~', value = {
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||zz|{}|0||~ 400 ~ chunk size \"zz\" is not",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||0x2|{}|0||~ 400 ~ chunk size",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||-1|{}|0||~ 400 ~ chunk size",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||2;EXT|{}|0||~ 400 ~ oversized chunk extension",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||2|{}}|0||~ 400 ~ longer than its chunk size",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||ffffffff||~ 413 ~ larger than 4096 bytes",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: 2|Transfer-Encoding: chunked||2|{}|0||~ 400 ~ both Transfer-Encoding and Content-Length",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: gzip, chunked||2|{}|0||~ 400 ~ exactly \"chunked\"",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked|Transfer-Encoding: chunked||0||~ 400 ~ exactly \"chunked\"",
      "POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: xchunked||0||~ 400 ~ exactly \"chunked\"",
      "POST /task/execute HTTP/1.0|Host: x|Transfer-Encoding: chunked||0||~ 400 ~ not allowed in an HTTP/1.0 request",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: abc||{}~ 400 ~ Content-Length must be a number",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: -2||{}~ 400 ~ Content-Length must be a number",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: 2|Content-Length: 3||{}~ 400 ~ two different Content-Length",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: 100000||~ 413 ~ larger than 4096 bytes",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: 100000|Expect: 100-continue||~ 413 ~ larger than 4096 bytes",
      "POST /task/execute HTTP/1.1|Host: x|Content-Length: 2|Expect: tea||{}~ 417 ~ only 100-continue",
      "GET /health HTTP/1.1|Host: x|X-Folded: a| b||~ 400 ~ obs-fold",
      "GET /health HTTP/1.1|Host: x|X-Space : b||~ 400 ~ no spaces before the colon",
      "GET /health HTTP/1.1|Host: x|X-Nul: a<NUL>b||~ 400 ~ control character",
      "GET /health HTTP/1.1|Host: x|X-Cr: a<CR>b||~ 400 ~ control character",
      "G\u00c9T /health HTTP/1.1|Host: x||~ 400 ~ method must be an HTTP token",
      "GET /health http/1.1|Host: x||~ 400 ~ HTTP/1.1 or HTTP/1.0",
      "GET /health HTTP/2.0|Host: x||~ 400 ~ 2.0 is not served here",
      "GET /health HTTP/1.1||~ 400 ~ needs a Host header",
      "GET /health HTTP/1.1|Host: a|Host: b||~ 400 ~ 2 Host headers",
      "GET  /health HTTP/1.1|Host: x||~ 400 ~ single spaces",
      "GET health HTTP/1.1|Host: x||~ 400 ~ must be a path starting with /",
      "GET /he<SOH>alth HTTP/1.1|Host: x||~ 400 ~ must be percent-encoded",
      "GET /health HTTP/1.1|Host: x|X-Big: BIG||~ 431 ~ larger than 16384 bytes",
      "GET /LONG HTTP/1.1|Host: x||~ 414 ~ longer than 8192 bytes",
  })
  void badFramingIsA4xxThatClosesTheConnection(String request, int status, String message) {
    String wire = request.replace("|", "\r\n").replace("EXT", "a".repeat(2000)).replace("BIG", "b".repeat(20_000))
        .replace("LONG", "l".repeat(9000)).replace("Host: x", "Host: 127.0.0.1")
        .replace("<NUL>", "\u0000").replace("<CR>", "\r").replace("<SOH>", "\u0001");
    int sentBefore = upstreams.node.received().size();
    // the client stops sending after the canary, so the server's brief drain before closing ends at once
    RawHttp.Exchange exchange = RawHttp.send(service.port(), List.of(bytes(wire + CANARY)), Duration.ZERO, true, QUIET);
    RawHttp.Response answer = exchange.only(); // the canary after it was never served
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    assertThat(answer.header("Connection")).isEqualTo("close");
    assertThat(Json.MAPPER.readTree(answer.body()).get("error").asBoolean()).isTrue();
    assertThat(Json.MAPPER.readTree(answer.body()).get("message").asString()).contains(message);
    assertThat(exchange.closed()).isTrue();
    assertThat(upstreams.node.received()).hasSize(sentBefore);
  }

  @ParameterizedTest(name = "{0} → 415")
  @CsvSource(delimiter = '~', value = {
      "Content-Type: text/plain",
      "Content-Type: application/x-www-form-urlencoded",
      "Content-Type: multipart/form-data; boundary=x",
      "Content-Type: application/json; charset=iso-8859-1",
      "X-No-Content-Type: 1",
  })
  void aValidJsonBodyWithoutAJsonContentTypeRunsNothing(String header) {
    int sentBefore = upstreams.node.received().size();
    String body = "{\"taskDefinitionId\":0}";
    RawHttp.Exchange exchange = expect(post(header + "\r\nContent-Length: " + body.length() + "\r\n", body) + CANARY, 2);
    assertThat(exchange.responses()).extracting(RawHttp.Response::status).containsExactly(415, 200);
    assertThat(exchange.responses().getFirst().header("Accept-Post")).isEqualTo("application/json");
    assertThat(exchange.responses().getFirst().body()).contains("send Content-Type: application/json");
    assertThat(upstreams.node.received()).hasSize(sentBefore);
  }

  @Test
  void aForeignHostOrOriginIsRefused() {
    RawHttp.Response rebinding = expect("GET /health HTTP/1.1\r\nHost: evil.example:4003\r\n\r\n", 1).responses().getFirst();
    assertThat(rebinding.status()).isEqualTo(403);
    assertThat(rebinding.body()).contains("does not answer to the Host \\\"evil.example:4003\\\"").contains("ALLOWED_HOSTS");
    String body = "{}";
    RawHttp.Response crossSite = expect(post(JSON + "Origin: http://evil.example\r\nContent-Length: 2\r\n", body), 1).responses().getFirst();
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(crossSite.body()).contains("cross-site request refused");
    RawHttp.Response sameSite = expect(post(JSON + "Origin: http://localhost:4003\r\nContent-Length: 2\r\n", body), 1).responses().getFirst();
    assertThat(sameSite.status()).isEqualTo(200);
  }

  @Test
  void http10IsServedAndTheConnectionClosedAfterIt() {
    RawHttp.Exchange health = send("GET /health HTTP/1.0\r\n\r\n" + CANARY);
    assertThat(health.only().status()).isEqualTo(200);
    assertThat(health.only().body()).contains("\"status\":\"UP\"");
    assertThat(health.closed()).isTrue();
    String body = "{\"taskDefinitionId\":3}";
    RawHttp.Exchange task = send("POST /task/execute HTTP/1.0\r\n" + JSON + "Content-Length: " + body.length() + "\r\n\r\n" + body);
    assertThat(task.only().status()).isEqualTo(200);
    assertThat(task.only().body()).contains("\"taskDefinitionId\":3");
  }

  /** Found by HostileCorpusTest: the body of a request whose answer closes the connection was read as a request. */
  @Test
  void anUnreadBodyOfTheLastRequestIsNeverReadAsAnotherRequest() {
    RawHttp.Exchange http10 = RawHttp.send(service.port(), List.of(bytes("GET /health HTTP/1.0\r\nContent-Length: 12\r\n\r\nGET / HTTP/1")),
        Duration.ZERO, true, QUIET);
    assertThat(http10.only().status()).isEqualTo(200);
    RawHttp.Exchange refused = RawHttp.send(service.port(), List.of(bytes(post("Connection: close\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 12\r\n", "GET / HTTP/1"))), Duration.ZERO, true, QUIET);
    assertThat(refused.only().status()).isEqualTo(415);
  }

  @Test
  void theHttpLayersOwnErrorsAreJsonAndNameTheProblem() {
    RawHttp.Exchange exchange = expect("GET /nope HTTP/1.1\r\n" + HOST + "\r\nGET /task/execute HTTP/1.1\r\n" + HOST
        + "\r\nDELETE /task/abc HTTP/1.1\r\n" + HOST + "\r\n" + CANARY, 4);
    List<RawHttp.Response> answers = exchange.responses();
    assertThat(answers).extracting(RawHttp.Response::status).containsExactly(404, 405, 405, 200);
    assertThat(answers.get(0).body()).contains("no route for GET /nope");
    assertThat(answers.get(1).header("Allow")).isEqualTo("POST");
    assertThat(answers.get(1).body()).contains("GET is not allowed on /task/execute; use POST");
    assertThat(answers.get(2).header("Allow")).isEqualTo("GET");
    answers.subList(0, 3).forEach(answer -> assertThat(answer.header("Content-Type")).isEqualTo("application/json"));
  }

  @Test
  void aPropertyGivenTwiceIsRefusedByName() {
    String body = "{\"taskDefinitionId\":70000,\"taskDefinitionId\":0}";
    RawHttp.Response answer = expect(post(JSON + "Content-Length: " + body.length() + "\r\n", body), 1).responses().getFirst();
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("taskDefinitionId: is given twice");
  }

  @Test
  void anIdempotencyKeyReusedForAnotherRequestIs422AndTwoKeysAre400() {
    String first = "{\"taskDefinitionId\":1}";
    String other = "{\"taskDefinitionId\":2}";
    assertThat(expect(post(JSON + "Idempotency-Key: reuse-1\r\nContent-Length: " + first.length() + "\r\n", first), 1).responses().getFirst().status())
        .isEqualTo(200);
    assertThat(expect(post(JSON + "Idempotency-Key: reuse-1\r\nContent-Length: " + first.length() + "\r\n", first), 1).responses().getFirst().status())
        .as("the same request again is the same task").isEqualTo(200);
    RawHttp.Response reused = expect(post(JSON + "Idempotency-Key: reuse-1\r\nContent-Length: " + other.length() + "\r\n", other), 1).responses().getFirst();
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.body()).contains("was first used for task").contains("taskDefinitionId 1");
    RawHttp.Response twoKeys = expect(post(JSON + "Idempotency-Key: a\r\nIdempotency-Key: b\r\nContent-Length: 2\r\n", "{}"), 1).responses().getFirst();
    assertThat(twoKeys.status()).isEqualTo(400);
    assertThat(twoKeys.body()).contains("Idempotency-Key: is sent 2 times with different values");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAndExpectContinueIsHonoured() {
    String body = "{}";
    RawHttp.Exchange exchange = expect(CANARY + "GET /nope HTTP/1.1\r\n" + HOST + "\r\n"
        + post(JSON + "Transfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n") + CANARY, 4);
    assertThat(exchange.responses()).extracting(RawHttp.Response::status).containsExactly(200, 404, 200, 200);
    RawHttp.Exchange continued = expect(post(JSON + "Expect: 100-continue\r\nContent-Length: 2\r\n", body), 2);
    assertThat(continued.responses()).extracting(RawHttp.Response::status).containsExactly(100, 200);
    RawHttp.Exchange absolute = expect("GET http://127.0.0.1/health HTTP/1.1\r\nHost: ignored.example\r\n\r\n", 1);
    assertThat(absolute.only().status()).as("absolute-form: the target's authority is the Host").isEqualTo(200);
  }

  @Test
  void slowClientsAreTimedOutWith408() {
    RawHttp.Exchange unfinished = RawHttp.send(service.port(), List.of(bytes("GET /health HTTP/1.1\r\n" + HOST + "X-Slow: ")), Duration.ZERO,
        false, Duration.ofSeconds(5));
    assertThat(unfinished.only().status()).isEqualTo(408);
    assertThat(unfinished.only().body()).contains("HEADERS_TIMEOUT_MS");
    assertThat(unfinished.closed()).isTrue();

    List<byte[]> dripped = new java.util.ArrayList<>(List.of(bytes("GET /health HTTP/1.1\r\n" + HOST)));
    for (int i = 0; i < 30; i++) {
      dripped.add(bytes("X-" + i + ": y\r\n"));
    }
    RawHttp.Exchange drip = RawHttp.send(service.port(), dripped, Duration.ofMillis(150), false, Duration.ofSeconds(5));
    assertThat(drip.only().status()).as("a byte now and then does not keep the headers' deadline open").isEqualTo(408);

    RawHttp.Exchange slowBody = RawHttp.send(service.port(), List.of(bytes(post(JSON + "Content-Length: 20\r\n", "{\"task"))), Duration.ZERO,
        false, Duration.ofSeconds(5));
    assertThat(slowBody.only().status()).isEqualTo(408);
    assertThat(slowBody.only().body()).contains("BODY_TIMEOUT_MS");

    RawHttp.Exchange silent = RawHttp.send(service.port(), List.of(), Duration.ZERO, false, Duration.ofSeconds(5));
    assertThat(silent.only().status()).as("a connection that never sends a request").isEqualTo(408);

    RawHttp.Exchange idle = RawHttp.send(service.port(), List.of(bytes(CANARY)), Duration.ZERO, false, Duration.ofSeconds(5));
    assertThat(idle.only().status()).isEqualTo(200);
    assertThat(idle.closed()).as("kept alive, then closed after KEEP_ALIVE_TIMEOUT_MS").isTrue();
  }

  @Test
  void aClientThatStopsMidRequestGetsA400AndOneLogLine() {
    int linesBefore = log.lines().size();
    RawHttp.Exchange shortBody = RawHttp.send(service.port(), List.of(bytes(post(JSON + "Content-Length: 50\r\n", "{\"a\":"))), Duration.ZERO,
        true, QUIET);
    assertThat(shortBody.only().status()).isEqualTo(400);
    assertThat(shortBody.only().body()).contains("closed before the request was complete");
    RawHttp.Exchange halfChunk = RawHttp.send(service.port(), List.of(bytes(post(JSON + "Transfer-Encoding: chunked\r\n", "10\r\n{\"a\""))),
        Duration.ZERO, true, QUIET);
    assertThat(halfChunk.only().status()).isEqualTo(400);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> log.lines().size() >= linesBefore + 2);
    assertThat(log.lines().subList(linesBefore, log.lines().size()))
        .filteredOn(line -> line.contains("closed before the request was complete")).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("INFO  ClientErrors - client 127.0.0.1:"));
  }

  @Test
  void noClientErrorIsLoggedWithAStackTraceOrAtError() {
    badFramingIsA4xxThatClosesTheConnection("POST /task/execute HTTP/1.1|Host: x|Transfer-Encoding: chunked||zz||", 400, "chunk size");
    aClientThatStopsMidRequestGetsA400AndOneLogLine();
    assertThat(log.lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR ") || line.contains("Exception"));
    assertThat(log.lines()).noneMatch(line -> line.contains(ServiceHarness.KEY.substring(2)));
  }
}
