package avs.execution.error;

/**
 * A service we depend on (the exchange, the pinning service, the Othentic node) failed. The kind decides the HTTP
 * status the trigger gets: unreachable 503, too slow 504, a wrong or refusing answer 502.
 */
public final class UpstreamFailure extends RuntimeException {
  public enum Kind { UNAVAILABLE, TIMEOUT, BAD_ANSWER, REJECTED }

  private final String upstream;
  private final Kind kind;

  public UpstreamFailure(String upstream, Kind kind, String message) {
    this(upstream, kind, message, null);
  }

  public UpstreamFailure(String upstream, Kind kind, String message, Throwable cause) {
    super(upstream + ": " + message, cause);
    this.upstream = upstream;
    this.kind = kind;
  }

  public String upstream() {
    return upstream;
  }

  public Kind kind() {
    return kind;
  }
}
