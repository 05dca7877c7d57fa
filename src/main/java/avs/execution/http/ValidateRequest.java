package avs.execution.http;

import avs.execution.error.BadRequest;
import avs.execution.sign.Hex;
import avs.execution.validation.Validator;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /task/validate} (PROTOCOL §4), as the Othentic node sends it: {@code proofOfTask},
 * {@code data} (the 0x-hex sent in sendTask), {@code taskDefinitionId} or {@code taskDefinitionID} (number or
 * string) and {@code performer}. Other fields are ignored: the caller is the node, and it may send more.
 */
final class ValidateRequest {
  private ValidateRequest() {}

  static Validator.Question parse(JsonNode body) {
    String proofOfTask = RequestFields.string(body, "proofOfTask")
        .orElseThrow(() -> new BadRequest("proofOfTask", "is required: the CID the performer sent in sendTask"));
    byte[] data = RequestFields.string(body, "data").map(ValidateRequest::hex).orElse(new byte[0]);
    int taskDefinitionId = RequestFields.taskDefinitionId(body);
    Optional<String> performer = RequestFields.string(body, "performer");
    return new Validator.Question(proofOfTask, data, taskDefinitionId, performer);
  }

  private static byte[] hex(String data) {
    try {
      return Hex.decode(data);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("data", "must be 0x-hex, as sent in sendTask: it " + e.getMessage());
    }
  }
}
