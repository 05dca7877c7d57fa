package avs.execution.http;

import avs.execution.error.BadRequest;
import avs.execution.error.PayloadTooLarge;
import avs.execution.json.Json;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads request bodies within the size limit and parses them as JSON objects, with 4xx errors that say why. */
final class RequestBodies {
  private final int maxBytes;

  RequestBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body as a JSON object; an empty body counts as {} (the reference reads it so). */
  JsonNode object(ServerRequest request) {
    byte[] body = bytes(request);
    if (body.length == 0) {
      return Json.object();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequest("body", "is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("body", "must be a JSON object, e.g. {\"taskDefinitionId\":0}");
    }
    return node;
  }

  private byte[] bytes(ServerRequest request) {
    long declared = request.headers().contentLength().orElse(-1L);
    if (declared > maxBytes) {
      throw new PayloadTooLarge(maxBytes);
    }
    if (!request.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = request.content().inputStream()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw new PayloadTooLarge(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }
}
