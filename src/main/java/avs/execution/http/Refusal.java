package avs.execution.http;

import java.util.Map;

/** A 4xx the HTTP layer itself decides (wrong method, media type, host or origin), with headers that go with it. */
final class Refusal extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;

  Refusal(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = headers;
  }

  Refusal(int status, String message) {
    this(status, message, Map.of());
  }

  int status() {
    return status;
  }

  Map<String, String> headers() {
    return headers;
  }
}
