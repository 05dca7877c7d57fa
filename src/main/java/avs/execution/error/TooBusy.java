package avs.execution.error;

import java.time.Duration;

/** The service is at one of its limits (work in flight, queued tasks, shutting down): answer 429 with Retry-After. */
public final class TooBusy extends RuntimeException {
  private final Duration retryAfter;

  public TooBusy(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
