package avs.execution.upstream;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that carries plain {@code http://} HTTP/1.1 exchanges itself, on the calling thread over
 * pooled keep-alive connections, and hands everything else to the JDK's client: {@code https}, asynchronous sends,
 * Expect: 100-continue, HTTP/2, other methods.
 *
 * <p>Why: the service's own upstreams on the hot path are plain HTTP on the same host or network (the Othentic node's
 * JSON-RPC, a local IPFS node or stand-in), two or three exchanges per task. The JDK client reads every answer on
 * its selector thread and hands it to the caller, and a request timeout costs it a timer; measured with 32 virtual
 * threads posting to a loopback Node server, that is 79–86 µs of CPU per exchange against 29 µs for a blocking
 * exchange on the caller's thread (docs/benchmarks.md, "The upstream client"). Behaviour is the JDK client's as this
 * service configures it: no redirects followed, no cookies, no proxy, the connect timeout given, a request's
 * timeout ending the whole exchange (as an {@link HttpTimeoutException}), a failed connect as a
 * {@link java.net.ConnectException}.
 *
 * <p>A request is repeated once, on a new connection, when a pooled connection fails before any byte of the answer
 * arrived: the server closed it while idle, so the request was not taken. Every request this service sends may be
 * repeated so (a sendTask carries its stored bytes, and a pin is keyed by its content).
 */
public final class PlainHttpClient extends HttpClient {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
  private static final Set<String> WITH_LENGTH = Set.of("POST", "PUT", "PATCH");
  private final HttpClient jdk;
  private final Duration connectTimeout;
  private final ConnectionPool pool = new ConnectionPool();

  /**
   * {@code jdk}: the client for what this one does not carry (it is closed with this one); configured as this one
   * behaves, without redirects, proxy, authenticator or cookies.
   */
  public PlainHttpClient(HttpClient jdk) {
    if (jdk.followRedirects() != Redirect.NEVER || jdk.proxy().isPresent() || jdk.authenticator().isPresent() || jdk.cookieHandler().isPresent()) {
      throw new IllegalArgumentException("the JDK client must not follow redirects or use a proxy, an authenticator or cookies: this one does not");
    }
    this.jdk = jdk;
    this.connectTimeout = jdk.connectTimeout().orElse(null);
  }

  /** Whether this client carries the request itself (else the JDK client does). */
  static boolean carries(HttpRequest request) {
    URI uri = request.uri();
    return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && METHODS.contains(request.method())
        && !request.expectContinue() && request.version().map(v -> v == Version.HTTP_1_1).orElse(true);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
    if (!carries(request)) {
      return jdk.send(request, handler);
    }
    byte[] message = message(request, BodyBytes.of(request));
    URI uri = request.uri();
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String upstream = host + ":" + port;
    Exchange exchange = new Exchange();
    CallDeadlines.Deadline deadline = request.timeout().map(timeout -> CallDeadlines.start(timeout, exchange::expire)).orElse(null);
    Http1Connection.Answer answer;
    try {
      answer = exchange.run(upstream, host, port, message, request.method().equals("HEAD"));
    } catch (IOException e) {
      boolean expired = deadline != null && deadline.end();
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for " + uri);
      }
      if (expired) {
        HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    }
    if (deadline != null) {
      deadline.end(); // an answer that arrived whole is taken, even when the deadline passed as it did
    }
    HttpHeaders headers = HttpHeaders.of(answer.headers(), (name, value) -> true);
    T body = BodyBytes.deliver(handler.apply(new Info(answer.status(), headers)), answer.body());
    return new Response<>(answer.status(), request, headers, body);
  }

  /** One exchange's use of a connection, which its deadline may close from the sweeping thread. */
  private final class Exchange {
    private volatile Http1Connection connection;
    private volatile boolean expired;

    Http1Connection.Answer run(String upstream, String host, int port, byte[] message, boolean headRequest) throws IOException {
      Http1Connection pooled = pool.take(upstream);
      if (pooled != null) {
        try {
          return attempt(upstream, pooled, message, headRequest);
        } catch (IOException e) {
          if (pooled.answerStarted() || expired) {
            throw e;
          }
          // closed by the server while idle: the request was not taken; once more on a new connection
        }
      }
      return attempt(upstream, Http1Connection.open(host, port, connectTimeout), message, headRequest);
    }

    private Http1Connection.Answer attempt(String upstream, Http1Connection used, byte[] message, boolean headRequest) throws IOException {
      use(used);
      Http1Connection.Answer answer;
      try {
        answer = used.exchange(message, headRequest);
      } catch (IOException | RuntimeException e) {
        used.close();
        throw e;
      }
      connection = null;
      if (expired) {
        used.close(); // the deadline may be closing it right now: it must not go back to the pool
      } else {
        pool.release(upstream, used);
      }
      return answer;
    }

    private void use(Http1Connection next) {
      connection = next;
      if (expired) {
        next.close();
      }
    }

    void expire() {
      expired = true;
      Http1Connection current = connection;
      if (current != null) {
        current.close();
      }
    }
  }

  /** The request's head and body, as one array to write at once. */
  private static byte[] message(HttpRequest request, byte[] body) {
    URI uri = request.uri();
    StringBuilder head = new StringBuilder(256).append(request.method()).append(' ');
    String path = uri.getRawPath();
    head.append(path == null || path.isEmpty() ? "/" : path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
    if (uri.getPort() >= 0) {
      head.append(':').append(uri.getPort());
    }
    head.append("\r\n");
    Map<String, List<String>> headers = request.headers().map();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        head.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    if (!request.headers().firstValue("User-Agent").isPresent()) {
      head.append("User-Agent: avs-execution\r\n");
    }
    if (body.length > 0 || WITH_LENGTH.contains(request.method())) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] message = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, message, 0, headBytes.length);
    System.arraycopy(body, 0, message, headBytes.length, body.length);
    return message;
  }

  private record Info(int statusCode, HttpHeaders headers) implements HttpResponse.ResponseInfo {
    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body) implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<javax.net.ssl.SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return jdk.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromises) {
    return jdk.sendAsync(request, handler, pushPromises);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return jdk.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return jdk.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return jdk.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return jdk.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return jdk.executor();
  }

  @Override
  public void shutdown() {
    pool.close();
    jdk.shutdown();
  }

  @Override
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    return jdk.awaitTermination(duration);
  }

  @Override
  public boolean isTerminated() {
    return jdk.isTerminated();
  }

  @Override
  public void shutdownNow() {
    pool.close();
    jdk.shutdownNow();
  }

  @Override
  public void close() {
    pool.close();
    jdk.close();
  }
}
