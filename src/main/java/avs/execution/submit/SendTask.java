package avs.execution.submit;

import avs.execution.json.Json;
import avs.execution.sign.SignatureType;
import avs.execution.sign.SignedTask;
import java.util.OptionalLong;
import tools.jackson.databind.node.ArrayNode;

/**
 * One sendTask call's worth: a signed task and where it goes. The params array follows PROTOCOL §3: signatureType
 * is sent when it is BLS, when asked for, or when a targetChainId follows it (which needs it before it).
 */
public record SendTask(SignedTask signed, OptionalLong targetChainId, boolean explicitSignatureType) {

  public static SendTask of(SignedTask signed, OptionalLong targetChainId) {
    return new SendTask(signed, targetChainId, false);
  }

  public ArrayNode params() {
    ArrayNode params = Json.array()
        .add(signed.message().proofOfTask())
        .add(signed.message().dataHex())
        .add(signed.message().taskDefinitionId())
        .add(signed.message().performerAddress())
        .add(signed.signature());
    if (explicitSignatureType || targetChainId.isPresent() || signed.type() != SignatureType.ECDSA) {
      params.add(signed.type().wireName());
    }
    targetChainId.ifPresent(params::add);
    return params;
  }

  /** The params as the JSON text that is stored once and sent on every attempt. */
  public String paramsJson() {
    return Json.MAPPER.writeValueAsString(params());
  }
}
