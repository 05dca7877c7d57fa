package avs.execution.http.edge;

/**
 * A request the edge refuses before any handler sees it: bad framing, a limit passed, a client too slow. It is
 * answered with its status and the JSON error envelope, and the connection is closed, because after a framing
 * error nobody can say where the next request would begin.
 */
final class EdgeError extends RuntimeException {
  private final int status;

  EdgeError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static EdgeError badRequest(String message) {
    return new EdgeError(400, message);
  }
}
