package avs.execution.http;

import avs.execution.error.BadRequest;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/** Reading the fields both services share, the way the reference clients send them. */
final class RequestFields {
  private static final BigInteger MAX_TASK_DEFINITION_ID = BigInteger.valueOf(65535);

  private RequestFields() {}

  /**
   * {@code taskDefinitionId} or {@code taskDefinitionID} (PROTOCOL §1 and §4), a JSON number or a numeric string;
   * absent means 0, as in the reference.
   */
  static int taskDefinitionId(JsonNode body) {
    JsonNode lower = body.get("taskDefinitionId");
    JsonNode upper = body.get("taskDefinitionID");
    if (present(lower) && present(upper) && !lower.asString().equals(upper.asString())) {
      throw new BadRequest("taskDefinitionId", "is given twice with different values (taskDefinitionId and taskDefinitionID)");
    }
    String field = present(lower) ? "taskDefinitionId" : "taskDefinitionID";
    JsonNode id = present(lower) ? lower : upper;
    return present(id) ? integer(field, id, MAX_TASK_DEFINITION_ID).intValue() : 0;
  }

  /** The task definition id when either spelling is present, else empty (where absent does not mean 0). */
  static java.util.OptionalInt optionalTaskDefinitionId(JsonNode body) {
    return present(body.get("taskDefinitionId")) || present(body.get("taskDefinitionID"))
        ? java.util.OptionalInt.of(taskDefinitionId(body))
        : java.util.OptionalInt.empty();
  }

  static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  /** A non-negative integer from a JSON number or a string of decimal digits, at most max. */
  static BigInteger integer(String field, JsonNode node, BigInteger max) {
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

  /** An optional string field; anything but a string or null is refused by name. */
  static java.util.Optional<String> string(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (!present(node)) {
      return java.util.Optional.empty();
    }
    if (!node.isString()) {
      throw new BadRequest(field, "must be a string (got " + node + ")");
    }
    return java.util.Optional.of(node.stringValue());
  }
}
