package avs.execution.http;

import avs.execution.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The reference services' response envelope: {@code {"data":…,"error":bool,"message":"…"}}. */
public final class Envelope {
  private Envelope() {}

  public static byte[] success(JsonNode data, String message) {
    ObjectNode envelope = Json.object();
    envelope.set("data", data);
    return Json.bytes(envelope.put("error", false).put("message", message));
  }

  public static byte[] failure(String message) {
    return failure(Json.object(), message);
  }

  /** A failure that still has something to show: the task it concerns, say. */
  public static byte[] failure(JsonNode data, String message) {
    ObjectNode envelope = Json.object();
    envelope.set("data", data);
    return Json.bytes(envelope.put("error", true).put("message", message));
  }
}
