package avs.execution.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Errors Helidon answers itself, outside any route (a path it cannot parse, say): the same JSON envelope as every
 * other answer, logged once like every other client error. The edge refuses almost everything before Helidon could.
 */
final class DirectErrors {
  private DirectErrors() {}

  static DirectHandlers handlers() {
    DirectHandlers.Builder handlers = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      handlers.addHandler(type, DirectErrors::answer);
    }
    return handlers.build();
  }

  private static DirectHandler.TransportResponse answer(DirectHandler.TransportRequest request, DirectHandler.EventType type,
      io.helidon.http.Status status, io.helidon.http.ServerResponseHeaders headers, String message) {
    String reason = message == null || message.isBlank() ? status.reasonPhrase() : message;
    if (status.code() < 500) {
      ClientErrors.log("?", request.method() + " " + request.path(), status.code(), reason);
    }
    return DirectHandler.TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .entity(Envelope.failure(status.code() < 500 ? reason : "internal error: see the service log"))
        .build();
  }
}
