package avs.execution.error;

/**
 * A service we depend on (the exchange, the pinning service, the Othentic node) failed. The kind decides the HTTP
 * status the trigger gets: unreachable 503, too slow 504, a wrong or refusing answer 502. Whether trying again can
 * help defaults from the kind (unreachable, slow and garbled answers: yes; refusals: no) and can be said explicitly.
 */
public final class UpstreamFailure extends RuntimeException {
  public enum Kind { UNAVAILABLE, TIMEOUT, BAD_ANSWER, REJECTED }

  private final String upstream;
  private final Kind kind;
  private final boolean retryable;

  public UpstreamFailure(String upstream, Kind kind, String message) {
    this(upstream, kind, message, null);
  }

  public UpstreamFailure(String upstream, Kind kind, String message, Throwable cause) {
    this(upstream, kind, kind != Kind.REJECTED, message, cause);
  }

  public UpstreamFailure(String upstream, Kind kind, boolean retryable, String message, Throwable cause) {
    super(upstream + ": " + message, cause);
    this.upstream = upstream;
    this.kind = kind;
    this.retryable = retryable;
  }

  /** Whether the same call may succeed later (the upstream was down, slow, or answered garbage). */
  public boolean retryable() {
    return retryable;
  }

  public String upstream() {
    return upstream;
  }

  public Kind kind() {
    return kind;
  }
}
