package avs.execution.http;

import avs.execution.error.BadRequest;
import avs.execution.json.Json;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Parses request bodies as JSON objects, with 400s that say why. The edge has already read each body whole and
 * within MAX_BODY_BYTES, so reading it here cannot block on, or be cut off by, the client.
 */
public final class RequestBodies {
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"", Pattern.DOTALL);
  private static final int MAX_FIELD_CHARS = 100;

  private RequestBodies() {}

  /** The body as a JSON object; an empty body counts as {} (the reference reads it so). */
  public static JsonNode object(ServerRequest request) {
    byte[] body = bytes(request);
    if (body.length == 0) {
      return Json.object();
    }
    JsonNode node = parse(body);
    if (node == null || !node.isObject()) {
      throw new BadRequest("body", "must be a JSON object, e.g. {\"taskDefinitionId\":0}");
    }
    return node;
  }

  /**
   * The body's bytes; with a Content-Length, read into an array of that size (Helidon's {@code as(byte[].class)}
   * collects through buffers of many kilobytes, for bodies of a few dozen bytes).
   */
  private static byte[] bytes(ServerRequest request) {
    if (!request.content().hasEntity()) {
      return new byte[0];
    }
    OptionalLong length = request.headers().contentLength();
    if (length.isEmpty() || length.getAsLong() > Integer.MAX_VALUE) {
      return request.content().as(byte[].class);
    }
    byte[] body = new byte[(int) length.getAsLong()];
    try (InputStream in = request.content().inputStream()) {
      int read = in.readNBytes(body, 0, body.length);
      if (read < body.length) {
        throw new BadRequest("body", "ended after " + read + " of its " + body.length + " bytes (Content-Length)");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }

  /** Any JSON value, with a property given twice refused by name. */
  static JsonNode parse(byte[] body) {
    try {
      return Json.STRICT_READER.readTree(body);
    } catch (JacksonException e) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (duplicate.lookingAt()) {
        String field = duplicate.group(1).length() > MAX_FIELD_CHARS ? duplicate.group(1).substring(0, MAX_FIELD_CHARS) + "…" : duplicate.group(1);
        throw new BadRequest(field, "is given twice; send each field once");
      }
      throw new BadRequest("body", "is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
