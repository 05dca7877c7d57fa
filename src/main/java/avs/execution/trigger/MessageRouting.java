package avs.execution.trigger;

import avs.execution.json.Json;
import avs.execution.sign.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;
import org.web3j.crypto.Hash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tasks routed by custom message (the TriggerX pattern): a gossiped message whose data is the JSON
 * {@code {"performer":"0x…","taskDefinitionId":7,"input":{…}}} starts the task on the named performer only, under the
 * key {@code message:7:<keccak256 of the data>}, so the same message delivered twice is one task. Every other
 * performer, and any message that is not such a request, starts nothing.
 */
public final class MessageRouting {
  private final String performer;
  private final Firing firing;
  private final TriggerMetrics metrics;

  public MessageRouting(String performer, Firing firing, TriggerMetrics metrics) {
    this.performer = performer.toLowerCase(Locale.ROOT);
    this.firing = firing;
    this.metrics = metrics;
  }

  /** What the message did here: {@code {"started":bool,"reason":…,"key":…}}. */
  public ObjectNode receive(byte[] data, OptionalInt sentFor) {
    ObjectNode outcome = Json.object().put("started", false);
    JsonNode request;
    try {
      request = Json.STRICT_READER.readTree(new String(data, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      return outcome.put("reason", "not a task request (its data is not JSON): nothing to start here");
    }
    String named = request.path("performer").asString("");
    JsonNode id = request.path("taskDefinitionId");
    if (!request.isObject() || !named.matches("0x[0-9a-fA-F]{40}") || !id.canConvertToInt() && sentFor.isEmpty()) {
      return outcome.put("reason", "not a task request ({\"performer\":\"0x…\",\"taskDefinitionId\":N,\"input\":…}): nothing to start here");
    }
    int taskDefinitionId = id.canConvertToInt() ? id.asInt() : sentFor.getAsInt();
    if (!named.toLowerCase(Locale.ROOT).equals(performer)) {
      metrics.skipped("message", "not_leader", 1);
      return outcome.put("reason", "the message names the performer " + named + ", not this one");
    }
    String key = "message:" + taskDefinitionId + ":" + Hash.sha3(Hex.encode(data)).substring(2);
    JsonNode input = request.get("input");
    Firing.Result result = firing.fire(taskDefinitionId, input == null || input.isNull() ? null : input, key);
    if (result == Firing.Result.CREATED) {
      metrics.fired("message");
    } else {
      metrics.skipped("message", "duplicate", 1);
    }
    return outcome.put("started", result == Firing.Result.CREATED).put("key", key)
        .put("reason", result == Firing.Result.CREATED ? "task " + taskDefinitionId + " started for this performer" : "already started by this message");
  }
}
