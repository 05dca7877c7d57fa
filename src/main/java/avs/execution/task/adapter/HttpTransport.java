package avs.execution.task.adapter;

import avs.execution.error.UpstreamFailure;
import avs.execution.logging.Secret;
import avs.execution.task.BoundedBody;
import avs.execution.task.BoundedExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

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
    HttpRequest.Builder post = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(request));
    headers.forEach((name, value) -> post.header(name, value.reveal()));
    HttpResponse<byte[]> response = exchange(post.build());
    byte[] body = response.body();
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

  /** The whole exchange within the deadline and the limit; a body over the limit is named by its setting. */
  private HttpResponse<byte[]> exchange(HttpRequest request) {
    try {
      return BoundedExchange.send(http, request, timeout, maxOutputBytes, upstream);
    } catch (UpstreamFailure e) {
      if (e.getCause() instanceof BoundedBody.TooLarge) {
        throw AdapterProtocol.bad(upstream, "answered more than " + maxOutputBytes + " bytes (maxOutputBytes)");
      }
      throw e;
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
