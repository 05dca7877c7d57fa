package avs.execution.http;

import avs.execution.error.BadRequest;
import avs.execution.sign.Hex;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * What the node posts to {@code /p2p/message} when a custom message is gossiped: {@code data} (0x-hex) and, since node
 * 1.1, the {@code taskDefinitionId} it was sent for.
 */
record MessageRequest(byte[] data, OptionalInt taskDefinitionId) {
  static MessageRequest parse(JsonNode body) {
    String data = RequestFields.string(body, "data").orElseThrow(() -> new BadRequest("data", "is required: the message as 0x-hex"));
    OptionalInt taskDefinitionId = RequestFields.optionalTaskDefinitionId(body);
    try {
      return new MessageRequest(Hex.decode(data), taskDefinitionId);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("data", "must be 0x-hex: it " + e.getMessage());
    }
  }
}
