package avs.execution.devnet;

import avs.execution.json.Json;
import avs.execution.submit.JsonRpcCode;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 as a node's endpoint serves it, and as ethers v6 calls it: one call, or a batch (an array, answered
 * entry by entry in order, notifications left out), with the spec's errors for what is not a call. Methods answer
 * with {@link #result} or {@link #error}.
 */
final class JsonRpcEndpoint {
  /** One method: its params (null when absent) to {@code {"result":…}} or {@code {"error":…}}. */
  @FunctionalInterface
  interface Method {
    ObjectNode call(JsonNode params);
  }

  static final int MAX_BATCH = 1_000;
  private final Map<String, Method> methods;

  JsonRpcEndpoint(Map<String, Method> methods) {
    this.methods = Map.copyOf(methods);
  }

  /** The answer to a request body, or empty when it held only notifications (nothing is to be answered). */
  Optional<byte[]> answer(byte[] body) {
    JsonNode request;
    try {
      request = Json.STRICT_READER.readTree(body);
    } catch (JacksonException e) {
      return Optional.of(Json.bytes(envelope(NullNode.getInstance(), error(JsonRpcCode.PARSE_ERROR, "the request is not JSON: "
          + e.getOriginalMessage()))));
    }
    if (request instanceof ArrayNode batch) {
      if (batch.isEmpty() || batch.size() > MAX_BATCH) {
        return Optional.of(Json.bytes(envelope(NullNode.getInstance(), error(JsonRpcCode.INVALID_REQUEST,
            "a batch must hold 1 to " + MAX_BATCH + " calls (got " + batch.size() + ")"))));
      }
      ArrayNode answers = Json.array();
      batch.forEach(call -> one(call).ifPresent(answers::add));
      return answers.isEmpty() ? Optional.empty() : Optional.of(Json.bytes(answers));
    }
    return one(request).map(Json::bytes);
  }

  private Optional<ObjectNode> one(JsonNode call) {
    if (!(call instanceof ObjectNode request)) {
      return Optional.of(envelope(NullNode.getInstance(), error(JsonRpcCode.INVALID_REQUEST, "a call must be a JSON object")));
    }
    JsonNode id = request.get("id");
    if (id != null && !id.isString() && !id.isNumber() && !id.isNull()) {
      return Optional.of(envelope(NullNode.getInstance(), error(JsonRpcCode.INVALID_REQUEST, "id must be a string, a number or null")));
    }
    JsonNode replyId = id == null ? NullNode.getInstance() : id;
    if (!"2.0".equals(request.path("jsonrpc").asString("")) || !request.path("method").isString()) {
      return Optional.of(envelope(replyId, error(JsonRpcCode.INVALID_REQUEST, "not a JSON-RPC 2.0 call (jsonrpc \"2.0\" and a method name)")));
    }
    String name = request.get("method").stringValue();
    Method method = methods.get(name);
    ObjectNode outcome = method != null ? method.call(request.get("params"))
        : error(JsonRpcCode.METHOD_NOT_FOUND, "method " + name + " is not served here (" + String.join(", ", methods.keySet().stream().sorted().toList()) + ")");
    return id == null ? Optional.empty() : Optional.of(envelope(replyId, outcome));
  }

  static ObjectNode result(JsonNode value) {
    ObjectNode outcome = Json.object();
    outcome.set("result", value);
    return outcome;
  }

  static ObjectNode error(JsonRpcCode code, String message) {
    ObjectNode outcome = Json.object();
    outcome.putObject("error").put("code", code.code()).put("message", message);
    return outcome;
  }

  private static ObjectNode envelope(JsonNode id, ObjectNode outcome) {
    ObjectNode envelope = Json.object().put("jsonrpc", "2.0");
    envelope.set("id", id);
    envelope.setAll(outcome);
    return envelope;
  }
}
