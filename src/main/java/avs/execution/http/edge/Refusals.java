package avs.execution.http.edge;

/** How the edge answers and records a request it refuses; the HTTP layer supplies its envelope and its log. */
public interface Refusals {
  /** The body of an error answer: the service's JSON error envelope with this message. */
  byte[] body(String message);

  /** One log line for a refused request: who sent it, what it was (as far as it was read), and why. */
  void refused(String client, String request, int status, String message);
}
