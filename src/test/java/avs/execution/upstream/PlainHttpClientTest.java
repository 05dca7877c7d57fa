package avs.execution.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import avs.execution.error.Upstreams;
import avs.execution.support.LoopbackServer;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plain-HTTP client against a real server on loopback that answers with exactly the bytes each test scripts. */
class PlainHttpClientTest {
  private static final String OK_HELLO = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
  private final HttpClient client = Upstreams.newClient(Duration.ofSeconds(2));

  @AfterEach
  void closeClient() {
    client.close();
  }

  private static HttpRequest.Builder to(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
  }

  private String get(String url) throws Exception {
    return client.send(to(url).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aPostIsOneWellFormedRequestAndItsAnswerIsReadByContentLength() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.keep(
        "HTTP/1.1 201 Created\r\nX-Answer: one\r\nx-answer: two\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"))) {
      HttpResponse<String> response = client.send(to(server.url("/pinning/pin?x=a%20b")).header("Content-Type", "application/json")
          .header("pinata_api_key", "k").POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"ü\"}")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.body()).isEqualTo("{\"ok\":true}");
      assertThat(response.headers().allValues("X-ANSWER")).containsExactly("one", "two");
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(response.uri()).isEqualTo(URI.create(server.url("/pinning/pin?x=a%20b")));
      String request = server.requests().get(0);
      assertThat(request).startsWith("POST /pinning/pin?x=a%20b HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
          .contains("\r\nContent-Type: application/json\r\n", "\r\npinata_api_key: k\r\n", "\r\nContent-Length: 10\r\n")
          .endsWith("\r\n\r\n{\"a\":\"ü\"}");
    }
  }

  @Test
  void aGetWithoutBodySendsNoContentLengthAndAPostWithoutBodySendsZero() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.keep(OK_HELLO))) {
      get(server.url(""));
      client.send(to(server.url("/rpc")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

      assertThat(server.requests().get(0)).startsWith("GET / HTTP/1.1\r\n").doesNotContainIgnoringCase("content-length");
      assertThat(server.requests().get(1)).startsWith("POST /rpc HTTP/1.1\r\n").contains("\r\nContent-Length: 0\r\n");
    }
  }

  @Test
  void exchangesOneAfterAnotherShareOneConnection() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.keep(OK_HELLO))) {
      for (int i = 0; i < 5; i++) {
        assertThat(get(server.url("/" + i))).isEqualTo("hello");
      }
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.requests()).hasSize(5);
    }
  }

  @Test
  void aChunkedAnswerIsJoinedWithItsExtensionsAndTrailersDropped() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.keep(chunked))) {
      assertThat(get(server.url("/a"))).isEqualTo("hello, world");
      assertThat(get(server.url("/b"))).isEqualTo("hello, world");
      assertThat(server.connections()).as("framed, so the connection carries on").isEqualTo(1);
    }
  }

  @Test
  void anAnswerWithoutLengthIsReadToTheEndAndItsConnectionIsNotUsedAgain() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.close("HTTP/1.1 200 OK\r\n\r\nuntil the end"))) {
      assertThat(get(server.url("/a"))).isEqualTo("until the end");
      assertThat(get(server.url("/b"))).isEqualTo("until the end");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void connectionCloseAndHttp10AnswersEndTheirConnection() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> request.startsWith("GET /ten")
        ? ScriptedHttpServer.Reply.keep("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        : ScriptedHttpServer.Reply.keep("HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 5\r\n\r\nhello"))) {
      get(server.url("/close"));
      get(server.url("/ten"));
      get(server.url("/close"));
      assertThat(server.connections()).isEqualTo(3);
    }
  }

  @Test
  void interimAnswersAreSkippedAndHeadAnswersHaveNoBody() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> request.startsWith("HEAD")
        ? ScriptedHttpServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        : ScriptedHttpServer.Reply.keep("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + OK_HELLO))) {
      HttpResponse<String> head = client.send(to(server.url("/h")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("content-length")).hasValue("5");
      HttpResponse<String> answer = client.send(to(server.url("/g")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("hello");
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void aPooledConnectionTheServerClosedWhileIdleIsReplacedAndTheRequestSentOnce() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.close(OK_HELLO))) {
      assertThat(get(server.url("/first"))).isEqualTo("hello");
      Thread.sleep(100); // the server's close reaches the client's socket
      assertThat(client.send(to(server.url("/second")).POST(HttpRequest.BodyPublishers.ofString("once")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("hello");

      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(1)).startsWith("POST /second ").endsWith("once");
    }
  }

  @Test
  void anAnswerCutOffInItsBodyFailsAndIsNotRepeated() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> request.startsWith("GET /keep")
        ? ScriptedHttpServer.Reply.keep(OK_HELLO) : ScriptedHttpServer.Reply.close("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))) {
      get(server.url("/keep")); // a pooled connection, so the next failure would be repeated if it looked stale
      assertThatThrownBy(() -> client.send(to(server.url("/cut")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(EOFException.class).hasMessageContaining("3 of the answer's 10 body bytes");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void theRequestTimeoutEndsAnExchangeTheServerNeverAnswers() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.silence())) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/slow"))).timeout(Duration.ofMillis(200)).GET().build();
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class).hasMessage("request timed out"));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aBodyHandlerThatFailsIsItsOwnErrorAndNotATimeout() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.keep(OK_HELLO))) {
      HttpResponse.BodyHandler<String> failing = info -> HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
          text -> {
            throw new IllegalStateException("no use for " + text);
          });
      assertThatThrownBy(() -> client.send(to(server.url("/")).GET().build(), failing)).isInstanceOf(IOException.class)
          .isNotInstanceOf(HttpTimeoutException.class).hasMessageContaining("no use for hello");
    }
  }

  @Test
  void aRefusedConnectIsAConnectException() {
    String url = "http://127.0.0.1:" + LoopbackServer.closedPort() + "/";
    assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
  }

  @Test
  void anAnswerThatIsNotHttpIsAProtocolErrorWithItsTextMadePrintable() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.close("SSH-2.0-OpenSSH\u001b[2J\r\n\r\n"))) {
      assertThatThrownBy(() -> get(server.url("/"))).isInstanceOf(ProtocolException.class)
          .hasMessage("not an HTTP/1.x status line: SSH-2.0-OpenSSH\\u001b[2J"); // escaped as in the log (LogText)
    }
  }

  @Test
  void conflictingLengthsAndOversizedHeadsAreRefused() throws Exception {
    String huge = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(Http1Connection.MAX_HEAD_BYTES) + "\r\nContent-Length: 0\r\n\r\n";
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> request.startsWith("GET /huge") ? ScriptedHttpServer.Reply.close(huge)
        : ScriptedHttpServer.Reply.close("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"))) {
      assertThatThrownBy(() -> get(server.url("/two"))).isInstanceOf(ProtocolException.class).hasMessageContaining("conflicting Content-Length");
      assertThatThrownBy(() -> get(server.url("/huge"))).isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds " + Http1Connection.MAX_HEAD_BYTES);
    }
  }

  @Test
  void anInterruptedCallerGetsInterruptedException() throws Exception {
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.silence())) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch ended = new CountDownLatch(1);
      Thread caller = Thread.ofVirtual().start(() -> {
        try {
          client.send(HttpRequest.newBuilder(URI.create(server.url("/wait"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
          failure.set(e);
        } finally {
          ended.countDown();
        }
      });
      for (int i = 0; i < 500 && server.requests().isEmpty(); i++) {
        Thread.sleep(10);
      }
      caller.interrupt();
      assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    }
  }

  @Test
  void httpsAndAsynchronousSendsAreTheJdkClients() throws Exception {
    assertThat(PlainHttpClient.carries(to("https://api.pinata.cloud/pinning/pinJSONToIPFS").GET().build())).isFalse();
    assertThat(PlainHttpClient.carries(to("http://127.0.0.1:1/").expectContinue(true).POST(HttpRequest.BodyPublishers.ofString("x")).build())).isFalse();
    assertThat(PlainHttpClient.carries(to("http://127.0.0.1:1/").version(HttpClient.Version.HTTP_2).GET().build())).isFalse();
    assertThat(PlainHttpClient.carries(to("http://127.0.0.1:1/").GET().build())).isTrue();
    try (ScriptedHttpServer server = new ScriptedHttpServer(request -> ScriptedHttpServer.Reply.keep(OK_HELLO))) {
      assertThat(client.sendAsync(to(server.url("/async")).GET().build(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS).body())
          .isEqualTo("hello");
      assertThat(server.requests().get(0)).containsIgnoringCase("User-Agent: Java-http-client");
    }
  }

  @Test
  void aClientThatWouldFollowRedirectsCannotBeWrapped() {
    HttpClient redirecting = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    assertThatThrownBy(() -> new PlainHttpClient(redirecting)).isInstanceOf(IllegalArgumentException.class);
    redirecting.close();
  }
}
