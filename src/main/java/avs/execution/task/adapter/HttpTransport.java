package avs.execution.task.adapter;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.logging.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An adapter that is an HTTP endpoint: the request is POSTed as JSON to its URL (with its headers, which may carry
 * secrets), the response body is the answer. The whole exchange, body included, must end within the deadline and the
 * limit. 5xx and 429 are worth retrying; other 4xx are not, unless the body is an error answer that says otherwise.
 */
final class HttpTransport implements AdapterTransport {
  private final HttpClient http;
  private final URI url;
  private final Map<String, Secret> headers;
  private final Duration timeout;
  private final int maxOutputBytes;
  private final String upstream;

  HttpTransport(HttpClient http, URI url, Map<String, Secret> headers, Duration timeout, int maxOutputBytes, String upstream) {
    this.http = http;
    this.url = url;
    this.headers = headers;
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
    this.upstream = upstream;
  }

  @Override
  public byte[] call(byte[] request) {
    HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(request));
    headers.forEach((name, value) -> post.header(name, value.reveal()));
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<InputStream> response = Upstreams.send(http, post.build(), HttpResponse.BodyHandlers.ofInputStream(), upstream);
    byte[] body = body(response, deadline);
    int status = response.statusCode();
    if (status / 100 == 2) {
      return body;
    }
    if (status >= 500 || status == 429) {
      throw new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "answered HTTP " + status + ": " + AdapterProtocol.excerpt(body));
    }
    if (body.length > 0) {
      try {
        AdapterProtocol.parse(body, upstream); // a 4xx with a proper {"error":…} answer: its own retryable says
      } catch (UpstreamFailure e) {
        if (e.kind() != UpstreamFailure.Kind.BAD_ANSWER) {
          throw e;
        }
      }
    }
    throw new UpstreamFailure(upstream, UpstreamFailure.Kind.REJECTED, false, "answered HTTP " + status + ": " + AdapterProtocol.excerpt(body), null);
  }

  /** The body, read within what is left of the deadline, and no more than the limit. */
  private byte[] body(HttpResponse<InputStream> response, long deadline) {
    InputStream stream = response.body();
    Future<byte[]> reading = ChildProcesses.READERS.submit(() -> {
      try (stream) {
        return ChildProcesses.readBounded(stream, maxOutputBytes);
      }
    });
    try {
      byte[] body = reading.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (body.length > maxOutputBytes) {
        throw AdapterProtocol.bad(upstream, "answered more than " + maxOutputBytes + " bytes (maxOutputBytes)");
      }
      return body;
    } catch (TimeoutException e) {
      reading.cancel(true);
      closeQuietly(stream);
      throw new UpstreamFailure(upstream, UpstreamFailure.Kind.TIMEOUT, "did not finish its answer within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "broke off its answer (" + e.getCause().getMessage() + ")", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "interrupted while waiting for it", e);
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // it is being given up on anyway
    }
  }

  @Override
  public String describe() {
    return "http " + url;
  }

  @Override
  public void close() {
    // the HTTP client is the service's
  }
}
