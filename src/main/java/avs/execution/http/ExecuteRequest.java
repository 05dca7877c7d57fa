package avs.execution.http;

import avs.execution.config.TargetChains;
import avs.execution.error.BadRequest;
import avs.execution.json.Json;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /task/execute} (PROTOCOL §1): {@code taskDefinitionId} or {@code taskDefinitionID}, a
 * JSON number or a numeric string, absent meaning 0; optional {@code targetChainId}. Anything else is refused by
 * name, so a typo never silently runs task 0. Extensions: {@code input} (any JSON, at most MAX_INPUT_BYTES, handed
 * to the task and written into its proof), {@code async} (true: answer 202 once the task is recorded) and
 * {@code requestId} (the idempotency key, as the Idempotency-Key header).
 */
record ExecuteRequest(int taskDefinitionId, OptionalLong targetChainId, JsonNode input, boolean async, Optional<String> requestId) {
  static final int MAX_KEY_LENGTH = 200;
  private static final Set<String> KNOWN = Set.of("taskDefinitionId", "taskDefinitionID", "targetChainId", "input", "async", "requestId");
  private static final Map<String, String> REFUSED = Map.of(
      "fakePrice", "is not accepted: this service never lets a caller choose the price it proves");

  static ExecuteRequest parse(JsonNode body, TargetChains chains, int maxInputBytes) {
    for (String field : body.propertyNames()) {
      if (REFUSED.containsKey(field)) {
        throw new BadRequest(field, REFUSED.get(field));
      }
      if (!KNOWN.contains(field)) {
        throw new BadRequest(field, "is not a known field; accepted: taskDefinitionId (or taskDefinitionID), targetChainId, input, async, requestId");
      }
    }
    int taskDefinitionId = RequestFields.taskDefinitionId(body);
    JsonNode chain = body.get("targetChainId");
    OptionalLong targetChainId = present(chain)
        ? OptionalLong.of(RequestFields.integer("targetChainId", chain, BigInteger.valueOf(Long.MAX_VALUE)).longValueExact())
        : OptionalLong.empty();
    if (targetChainId.isPresent() && targetChainId.getAsLong() == 0) {
      throw new BadRequest("targetChainId", "must be a chain id greater than 0");
    }
    if (targetChainId.isPresent()) {
      chains.refusal(targetChainId.getAsLong()).ifPresent(reason -> {
        throw new BadRequest("targetChainId", reason);
      });
    }
    JsonNode async = body.get("async");
    if (present(async) && !async.isBoolean()) {
      throw new BadRequest("async", "must be true or false (got " + async + ")");
    }
    Optional<String> requestId = RequestFields.string(body, "requestId").map(key -> idempotencyKey("requestId", key));
    JsonNode input = present(body.get("input")) ? body.get("input") : null;
    if (input != null && Json.bytes(input).length > maxInputBytes) {
      throw new BadRequest("input", "is " + Json.bytes(input).length + " bytes of JSON; at most " + maxInputBytes + " are accepted (MAX_INPUT_BYTES). "
          + "Store large inputs elsewhere and pass a reference");
    }
    return new ExecuteRequest(taskDefinitionId, targetChainId, input, present(async) && async.booleanValue(), requestId);
  }

  /** An idempotency key: 1 to 200 printable ASCII characters. */
  static String idempotencyKey(String field, String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new BadRequest(field, "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
    }
    return key;
  }

  private static boolean present(JsonNode node) {
    return RequestFields.present(node);
  }
}
