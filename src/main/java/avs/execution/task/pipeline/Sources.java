package avs.execution.task.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.task.BoundedBody;
import avs.execution.task.BoundedExchange;
import avs.execution.task.InFlight;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where pipeline http steps fetch, shared by every pipeline task of the service: the address check, the per-host
 * rate limit, coalescing of identical concurrent requests, the deadline and size limit, and the metrics.
 */
final class Sources {
  /**
   * One request as a step makes it. {@code url} and {@code headers} hold revealed secrets and are never logged;
   * {@code recordedUrl} is the URL with them left as {@code ${NAME}}, which is what errors say.
   */
  record Request(String method, URI url, String recordedUrl, byte[] body, Map<String, String> headers, Duration timeout, int maxBytes) {
    Key key() {
      return new Key(method, url, new String(body, StandardCharsets.UTF_8), headers);
    }
  }

  private record Key(String method, URI url, String body, Map<String, String> headers) {}

  /** What the source answered, when, and in how long. */
  record Response(int status, byte[] body, Instant fetchedAt, Duration took) {}

  private final HttpClient http;
  private final Clock clock;
  private final PipelineMetrics metrics;
  private final HostRateLimit limits = new HostRateLimit();
  private final InFlight<Key, Response> inFlight = new InFlight<>();

  Sources(HttpClient http, Clock clock, PipelineMetrics metrics) {
    this.http = http;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * The source's answer, whatever its status; a StepFailure (the source's fault) when there is none: refused
   * address, rate limit, connection, timeout, a body over the limit.
   */
  Response fetch(String task, String step, Request request, boolean allowPrivateNetwork, int hostRateLimit) {
    long start = System.nanoTime();
    try {
      NetworkGuard.check(request.url(), allowPrivateNetwork);
    } catch (StepFailure e) {
      metrics.requested(task, step, "refused", start);
      throw e;
    }
    Response response;
    try {
      response = inFlight.get(request.key(), () -> exchange(request, hostRateLimit));
    } catch (UpstreamFailure e) {
      metrics.requested(task, step, outcome(e), start);
      String message = e.getMessage().substring(e.upstream().length() + 2).replace(request.url().toString(), request.recordedUrl());
      throw new StepFailure(message, true);
    } catch (StepFailure e) {
      metrics.requested(task, step, "refused", start);
      throw e;
    }
    metrics.requested(task, step, outcome(response.status()), start);
    return response;
  }

  private Response exchange(Request request, int hostRateLimit) {
    limits.acquire(request.url().getHost(), hostRateLimit, request.timeout());
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).header("Accept", "application/json");
    request.headers().forEach(builder::header);
    if (request.method().equals("GET")) {
      builder.GET();
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    }
    Instant fetchedAt = clock.instant();
    long start = System.nanoTime();
    HttpResponse<byte[]> answer = BoundedExchange.send(http, builder.build(), request.timeout(), request.maxBytes(), "source");
    return new Response(answer.statusCode(), answer.body(), fetchedAt, Duration.ofNanos(System.nanoTime() - start));
  }

  private static String outcome(int status) {
    if (status / 100 == 2) {
      return "ok";
    }
    if (status == 429 || status == 451) {
      return "http_" + status;
    }
    return status / 100 == 5 ? "http_5xx" : status / 100 == 3 ? "http_3xx" : "http_4xx";
  }

  private static String outcome(UpstreamFailure e) {
    if (e.getCause() instanceof BoundedBody.TooLarge) {
      return "too_large";
    }
    return e.kind() == UpstreamFailure.Kind.TIMEOUT ? "timeout" : "unreachable";
  }
}
