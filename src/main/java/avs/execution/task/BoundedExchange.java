package avs.execution.task;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.upstream.CallDeadlines;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One HTTP exchange that must end, body included, within a deadline and a size limit: a body that trickles is cut
 * off too, and giving up cancels the exchange, which closes its connection. Failures are UpstreamFailures naming
 * the upstream: TIMEOUT past the deadline, BAD_ANSWER for a body over the limit, UNAVAILABLE otherwise.
 */
public final class BoundedExchange {
  private BoundedExchange() {}

  public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration timeout, int maxBytes, String upstream) {
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, answer -> new BoundedBody(maxBytes));
    CallDeadlines.Deadline deadline = CallDeadlines.start(timeout, () -> exchange.cancel(true));
    try {
      HttpResponse<byte[]> response = exchange.get();
      deadline.end(); // an answer that arrived whole is taken, even when the deadline passed as it did
      return response;
    } catch (CancellationException | ExecutionException e) {
      if (deadline.end()) {
        throw new UpstreamFailure(upstream, UpstreamFailure.Kind.TIMEOUT, "did not finish its answer within " + timeout.toMillis() + " ms", e);
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof BoundedBody.TooLarge) {
        throw new UpstreamFailure(upstream, UpstreamFailure.Kind.BAD_ANSWER, "answered more than " + maxBytes + " bytes", cause);
      }
      if (cause instanceof IOException io) {
        throw Upstreams.fromIo(upstream, request.uri(), io);
      }
      throw new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, "request to " + Upstreams.shown(request.uri()) + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      deadline.end();
      exchange.cancel(true);
      throw Upstreams.interrupted(upstream);
    }
  }
}
