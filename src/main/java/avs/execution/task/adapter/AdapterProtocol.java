package avs.execution.task.adapter;

import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.sign.Hex;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter contract, version 1: one JSON request in, one JSON response out, the same over every transport.
 * Requests: {@code {"version":1,"op":"execute","taskId","taskDefinitionId","targetChainId","input","params"}} and
 * {@code {"version":1,"op":"validate","taskDefinitionId","proofOfTask","proof","data","performer","input","params"}}.
 * Responses: {@code {"data":"0x…"|{"utf8":"…"},"proof":…}}, {@code {"valid":bool,"reason":"…"}}, or
 * {@code {"error":{"message":"…","retryable":bool}}}. Every way a response can be wrong is a clear error naming it.
 */
final class AdapterProtocol {
  static final int VERSION = 1;

  private AdapterProtocol() {}

  /** What an execution produced: the data that goes on chain, and the adapter's own proof (any JSON). */
  record Executed(byte[] data, JsonNode proof) {}

  /** What a validation said. */
  record Judged(boolean valid, String reason) {}

  static ObjectNode executeRequest(String taskId, int taskDefinitionId, OptionalLong targetChainId, JsonNode input, JsonNode params) {
    ObjectNode request = Json.object().put("version", VERSION).put("op", "execute").put("taskId", taskId).put("taskDefinitionId", taskDefinitionId);
    if (targetChainId.isPresent()) {
      request.put("targetChainId", targetChainId.getAsLong());
    } else {
      request.putNull("targetChainId");
    }
    request.set("input", orNull(input));
    request.set("params", params);
    return request;
  }

  static ObjectNode validateRequest(int taskDefinitionId, String proofOfTask, JsonNode proof, byte[] data, String performer, JsonNode input,
      JsonNode params) {
    ObjectNode request = Json.object().put("version", VERSION).put("op", "validate").put("taskDefinitionId", taskDefinitionId)
        .put("proofOfTask", proofOfTask);
    request.set("proof", orNull(proof));
    request.put("data", Hex.encode(data)).put("performer", performer);
    request.set("input", orNull(input));
    request.set("params", params);
    return request;
  }

  /** The bytes an adapter answered, as one JSON object; garbage is a bad answer. */
  static ObjectNode parse(byte[] answer, String upstream) {
    JsonNode node;
    try {
      node = Json.STRICT_READER.readTree(answer);
    } catch (JacksonException e) {
      throw bad(upstream, "answered something that is not JSON (" + e.getOriginalMessage() + "): " + excerpt(answer));
    }
    if (!(node instanceof ObjectNode object)) {
      throw bad(upstream, "answered " + (node == null ? "nothing" : "a JSON " + node.getNodeType().name().toLowerCase()) + ", not an object: "
          + excerpt(answer));
    }
    JsonNode version = object.get("version");
    if (version != null && !(version.isIntegralNumber() && version.asInt() == VERSION)) {
      throw bad(upstream, "answered in contract version " + version + "; this service speaks version " + VERSION);
    }
    JsonNode error = object.get("error");
    if (error != null) {
      throw refusal(error, upstream);
    }
    return object;
  }

  static Executed executed(ObjectNode answer, String upstream) {
    JsonNode data = answer.get("data");
    if (data == null) {
      throw bad(upstream, "answered without \"data\": an execute answer is {\"data\":\"0x…\" or {\"utf8\":\"…\"},\"proof\":…}");
    }
    if (!answer.has("proof")) {
      throw bad(upstream, "answered without \"proof\": an execute answer is {\"data\":…,\"proof\":<any JSON>}");
    }
    byte[] bytes;
    if (data.isString()) {
      try {
        bytes = Hex.decode(data.stringValue());
      } catch (IllegalArgumentException e) {
        throw bad(upstream, "answered \"data\" that is not 0x-hex (" + e.getMessage() + "); send text as {\"utf8\":\"…\"}");
      }
    } else if (data.isObject() && data.size() == 1 && data.path("utf8").isString()) {
      bytes = data.get("utf8").stringValue().getBytes(StandardCharsets.UTF_8);
    } else {
      throw bad(upstream, "answered \"data\" of the wrong type (" + excerpt(Json.bytes(data)) + "): it is \"0x…\" or {\"utf8\":\"…\"}");
    }
    return new Executed(bytes, answer.get("proof"));
  }

  static Judged judged(ObjectNode answer, String upstream) {
    JsonNode valid = answer.get("valid");
    JsonNode reason = answer.get("reason");
    if (valid == null || !valid.isBoolean()) {
      throw bad(upstream, "answered " + (valid == null ? "without \"valid\"" : "\"valid\": " + valid) + ": a validate answer is "
          + "{\"valid\":true|false,\"reason\":\"…\"}");
    }
    if (reason == null || !reason.isString()) {
      throw bad(upstream, "answered without a \"reason\" text: a validate answer is {\"valid\":true|false,\"reason\":\"…\"}");
    }
    return new Judged(valid.booleanValue(), reason.stringValue());
  }

  /** The message of an answer in the contract's error form, {@code {"error":{"message":"…","retryable":bool}}}, if it is one. */
  static java.util.Optional<String> errorMessage(byte[] answer) {
    try {
      JsonNode error = Json.STRICT_READER.readTree(answer).path("error");
      boolean form = error.isObject() && error.path("message").isString()
          && (error.path("retryable").isMissingNode() || error.path("retryable").isBoolean());
      return form ? java.util.Optional.of(error.get("message").stringValue()) : java.util.Optional.empty();
    } catch (JacksonException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code {"error":{"message":"…","retryable":bool}}}: the adapter says it could not, and whether a later try may. */
  private static UpstreamFailure refusal(JsonNode error, String upstream) {
    JsonNode message = error.path("message");
    JsonNode retryable = error.path("retryable");
    if (!error.isObject() || !message.isString() || !(retryable.isMissingNode() || retryable.isBoolean())) {
      return bad(upstream, "answered an error of the wrong form (" + excerpt(Json.bytes(error)) + "): it is {\"error\":{\"message\":\"…\","
          + "\"retryable\":true|false}}");
    }
    boolean again = retryable.asBoolean(false);
    return new UpstreamFailure(upstream, again ? UpstreamFailure.Kind.UNAVAILABLE : UpstreamFailure.Kind.REJECTED, again,
        "failed" + (again ? " (retryable)" : "") + ": " + message.stringValue(), null);
  }

  static UpstreamFailure bad(String upstream, String problem) {
    return new UpstreamFailure(upstream, UpstreamFailure.Kind.BAD_ANSWER, false, problem, null);
  }

  static String excerpt(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return bytes.length > 200 ? text + "… (" + bytes.length + " bytes)" : text.isEmpty() ? "(empty)" : text;
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null ? Json.MAPPER.nullNode() : node;
  }
}
