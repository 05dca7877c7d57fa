package avs.execution.http;

import avs.execution.config.TargetChains;
import avs.execution.error.BadRequest;
import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /task/execute} (PROTOCOL §1): {@code taskDefinitionId} or {@code taskDefinitionID}, a
 * JSON number or a numeric string, absent meaning 0; optional {@code targetChainId}. Anything else is refused by
 * name, so a typo never silently runs task 0.
 */
record ExecuteRequest(int taskDefinitionId, OptionalLong targetChainId) {
  private static final Map<String, String> REFUSED = Map.of(
      "fakePrice", "is not accepted: this service never lets a caller choose the price it proves");

  static ExecuteRequest parse(JsonNode body, TargetChains chains) {
    for (String field : body.propertyNames()) {
      if (REFUSED.containsKey(field)) {
        throw new BadRequest(field, REFUSED.get(field));
      }
      if (!field.equals("taskDefinitionId") && !field.equals("taskDefinitionID") && !field.equals("targetChainId")) {
        throw new BadRequest(field, "is not a known field; accepted: taskDefinitionId (or taskDefinitionID), targetChainId");
      }
    }
    JsonNode lower = body.get("taskDefinitionId");
    JsonNode upper = body.get("taskDefinitionID");
    if (present(lower) && present(upper) && !lower.asString().equals(upper.asString())) {
      throw new BadRequest("taskDefinitionId", "is given twice with different values (taskDefinitionId and taskDefinitionID)");
    }
    String idField = present(lower) ? "taskDefinitionId" : "taskDefinitionID";
    JsonNode id = present(lower) ? lower : upper;
    int taskDefinitionId = present(id) ? integer(idField, id, BigInteger.valueOf(65535)).intValue() : 0;
    JsonNode chain = body.get("targetChainId");
    OptionalLong targetChainId = present(chain)
        ? OptionalLong.of(integer("targetChainId", chain, BigInteger.valueOf(Long.MAX_VALUE)).longValueExact())
        : OptionalLong.empty();
    if (targetChainId.isPresent() && targetChainId.getAsLong() == 0) {
      throw new BadRequest("targetChainId", "must be a chain id greater than 0");
    }
    if (targetChainId.isPresent()) {
      chains.refusal(targetChainId.getAsLong()).ifPresent(reason -> {
        throw new BadRequest("targetChainId", reason);
      });
    }
    return new ExecuteRequest(taskDefinitionId, targetChainId);
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  /** A non-negative integer from a JSON number or a string of decimal digits, at most max. */
  private static BigInteger integer(String field, JsonNode node, BigInteger max) {
    BigInteger value;
    if (node.isIntegralNumber()) {
      value = node.bigIntegerValue();
    } else if (node.isString() && node.stringValue().strip().matches("[0-9]{1,30}")) {
      value = new BigInteger(node.stringValue().strip());
    } else {
      throw new BadRequest(field, "must be a whole number or a string of digits (got " + node + ")");
    }
    if (value.signum() < 0 || value.compareTo(max) > 0) {
      throw new BadRequest(field, "must be from 0 to " + max + " (got " + value + ")");
    }
    return value;
  }
}
