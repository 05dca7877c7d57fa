package avs.execution.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The framer alone, with a fake connection: what it forwards, what it answers itself, and when it gives up. */
@Timeout(30) // a framer that never gives up would otherwise hang the build
class RequestFramerTest {
  private static final ClientLimits LIMITS = new ClientLimits(100, 300, 64, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
  private final FakeConnection connection = new FakeConnection();

  /** A framer for the fake connection, watched as FramingSelector watches every real one. */
  private RequestFramer framer(ClientLimits limits) {
    return watched(new RequestFramer(limits, connection, connection));
  }

  private static RequestFramer watched(RequestFramer framer) {
    SlowClientWatchdog.INSTANCE.watch(framer.guard());
    return framer;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** However the network splits the bytes, the same request comes out. */
  @ParameterizedTest(name = "read {0} bytes at a time")
  @ValueSource(ints = {1, 2, 3, 7, 16, 1000})
  void aChunkedRequestIsForwardedWithItsLengthWhateverTheSplits(int pieceSize) {
    connection.clientInPieces("POST /task/execute HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-Keep: 1\r\n\r\n"
        + "2;name=value\r\n{\"\r\n3\r\na\":\r\n2\r\n1}\r\n0\r\nX-Trailer: dropped\r\n\r\n", pieceSize);
    assertThat(text(framer(LIMITS).get())).isEqualTo(
        "POST /task/execute HTTP/1.1\r\nHost: a\r\nX-Keep: 1\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
  }

  @Test
  void pipelinedRequestsComeOutOneAtATimeThenTheCloseEndsIt() {
    connection.client("GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    connection.client("GET /never HTTP/1.1\r\nHost: a\r\n\r\n");
    RequestFramer framer = framer(LIMITS);
    assertThat(text(framer.get())).isEqualTo("GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(text(framer.get())).isEqualTo("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
    assertThat(text(framer.get())).isEqualTo("GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assertThat(framer.get()).as("after Connection: close, nothing more is read").isNull();
  }

  @Test
  void anHttp10RequestBecomesHttp11WithAHostAndACloseAndIsTheLast() {
    connection.client("GET /health HTTP/1.0\nUser-Agent: probe\nConnection: keep-alive\n\n");
    RequestFramer framer = framer(LIMITS);
    assertThat(text(framer.get())).isEqualTo("GET /health HTTP/1.1\r\nUser-Agent: probe\r\nHost: 127.0.0.1:4003\r\nConnection: close\r\n\r\n");
    assertThat(framer.get()).isNull();
  }

  @Test
  void anAbsoluteTargetBecomesAPathAndItsAuthorityTheHost() {
    connection.client("GET http://example.org:8080?x=1 HTTP/1.1\r\nHost: other\r\n\r\n");
    assertThat(text(framer(LIMITS).get())).isEqualTo("GET /?x=1 HTTP/1.1\r\nHost: example.org:8080\r\n\r\n");
  }

  @Test
  void aRefusedRequestIsAnsweredOnceLoggedOnceAndEndsTheConnection() {
    connection.client("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc");
    connection.clientCloses();
    RequestFramer framer = framer(LIMITS);
    assertThat(framer.get()).isNull();
    assertThat(connection.written()).startsWith("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n")
        .contains("Connection: close\r\n").endsWith("{\"message\":\"the connection was closed before the request was complete\"}");
    assertThat(connection.refusals).containsExactly("400 POST /x HTTP/1.1: the connection was closed before the request was complete");
    assertThat(framer.get()).isNull();
    assertThat(connection.refusals).hasSize(1);
  }

  @Test
  void limitsAreCheckedBeforeTheBodyIsRead() {
    connection.client("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 65\r\nExpect: 100-continue\r\n\r\n");
    assertThat(framer(LIMITS).get()).isNull();
    assertThat(connection.written()).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsRead() {
    connection.client("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
    connection.client("{}");
    assertThat(text(framer(LIMITS).get())).isEqualTo("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
    assertThat(connection.written()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
  }

  @Test
  void theRequestLineHeadersAndChunkLinesAreBounded() {
    connection.client("GET /" + "a".repeat(100) + " HTTP/1.1\r\n");
    assertThat(framer(LIMITS).get()).isNull();
    assertThat(connection.written()).startsWith("HTTP/1.1 414 ");
    FakeConnection headers = new FakeConnection();
    headers.client("GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(300) + "\r\n\r\n");
    assertThat(watched(new RequestFramer(LIMITS, headers, headers)).get()).isNull();
    assertThat(headers.written()).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
  }

  @Test
  void aCleanCloseBetweenRequestsIsNoError() {
    connection.client("GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
    connection.clientCloses();
    RequestFramer framer = framer(LIMITS);
    assertThat(framer.get()).isNotNull();
    assertThat(framer.get()).isNull();
    assertThat(connection.written()).isEmpty();
    assertThat(connection.refusals).isEmpty();
  }

  @Test
  void headersThatKeepTricklingInStillEndAtTheirDeadline() throws Exception {
    ClientLimits quick = new ClientLimits(100, 1000, 64, Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(5));
    RequestFramer framer = framer(quick);
    Thread drip = Thread.ofVirtual().start(() -> {
      connection.client("GET / HTTP/1.1\r\n");
      for (int i = 0; i < 40 && !connection.isClosed(); i++) {
        connection.client("X" + i + ": y\r\n");
        sleep(25);
      }
    });
    assertThat(framer.get()).isNull();
    drip.join();
    assertThat(connection.written()).startsWith("HTTP/1.1 408 Request Timeout").contains("HEADERS_TIMEOUT_MS");
  }

  @Test
  void aReadBlockedPastItsDeadlineIsEndedByTheWatchdog() {
    ClientLimits quick = new ClientLimits(100, 1000, 64, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5));
    RequestFramer framer = framer(quick);
    connection.client("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n{");
    assertThat(framer.get()).isNull(); // returns at all only because the watchdog ended the blocked read
    assertThat(connection.isClosed()).isTrue();
    assertThat(connection.written()).startsWith("HTTP/1.1 408 Request Timeout").contains("BODY_TIMEOUT_MS");
    assertThat(connection.refusals).hasSize(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
