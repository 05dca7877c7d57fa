package avs.execution.error;

import avs.execution.upstream.PlainHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/** Turns the JDK HTTP client's exceptions into {@link UpstreamFailure}s, in one place for every upstream. */
public final class Upstreams {
  private Upstreams() {}

  /**
   * The HTTP client every upstream call goes through: HTTP/1.1 and a connect timeout. Plain {@code http://}
   * exchanges are carried on the caller's thread ({@link PlainHttpClient}); the rest by the JDK client, whose
   * executor runs its own completions where they arise (on its selector thread) instead of handing each to another
   * thread: every body we read is small and collected without blocking, and the hand-off cost more than the work
   * (client and loopback server together: 57-61 µs of CPU per request instead of 89-92 µs with a virtual thread per
   * completion).
   */
  public static HttpClient newClient(Duration connectTimeout) {
    return new PlainHttpClient(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .executor(Runnable::run)
        .build());
  }

  /** A transport failure as an UpstreamFailure naming the upstream and the URL (its credentials hidden). */
  public static UpstreamFailure fromIo(String upstream, URI uri, IOException e) {
    String url = shown(uri);
    if (e instanceof HttpConnectTimeoutException) {
      return new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "connect to " + url + " timed out", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new UpstreamFailure(upstream, UpstreamFailure.Kind.TIMEOUT, "no answer from " + url + " in time", e);
    }
    if (e instanceof ConnectException || e instanceof ClosedChannelException || e.getCause() instanceof ConnectException) {
      return new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "cannot connect to " + url, e);
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "request to " + url + " failed: " + detail, e);
  }

  /** A URL for an error message or a log line: credentials in it ({@code user:password@}) shown as {@code ***}. */
  public static String shown(URI url) {
    return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  /** Sends a request, turning transport failures into UpstreamFailures naming the upstream and the URL. */
  public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body, String upstream) {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw fromIo(upstream, request.uri(), e);
    } catch (InterruptedException e) {
      throw interrupted(upstream);
    }
  }

  public static UpstreamFailure interrupted(String upstream) {
    Thread.currentThread().interrupt();
    return new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "interrupted while waiting for an answer");
  }

  /** The first characters of an upstream's answer, for error messages: enough to diagnose, never a flood. */
  public static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }
}
