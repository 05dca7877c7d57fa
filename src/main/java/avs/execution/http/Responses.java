package avs.execution.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** Writing answers: one helper so every JSON answer carries the same headers. */
final class Responses {
  private Responses() {}

  static void json(ServerResponse response, int status, byte[] body) {
    response.status(status);
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    response.send(body);
  }
}
