package avs.execution.trigger;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One {@code trigger:} block of the tasks file, as written: the task it fires, its kind (the one of interval, cron,
 * block or event it has), and the whole block (the kind's settings, {@code performer}, {@code input}, …), read by
 * {@link TriggerFactory} when the service starts.
 *
 * @param place where the block was written, for error messages: "tasks[2].trigger"
 */
public record TriggerSpec(int taskDefinitionId, String task, String kind, JsonNode block, String place) {
  public static final List<String> KINDS = List.of("interval", "cron", "block", "event");

  /** The trigger's name, also the name of its cursor: "interval:7". */
  public String id() {
    return kind + ":" + taskDefinitionId;
  }

  /** The static input of every firing (events add their decoded fields); null for none. */
  public JsonNode input() {
    JsonNode input = block.get("input");
    return input == null || input.isNull() ? null : input;
  }

  /** The kind a block names, or empty text (with a problem added) when it names none or several. */
  public static String kindOf(JsonNode block, String place, List<String> problems) {
    if (block == null || !block.isObject()) {
      problems.add(place + ": must be a map with one of interval:, cron:, block: or event:");
      return "";
    }
    List<String> given = new ArrayList<>();
    KINDS.forEach(kind -> {
      if (block.has(kind)) {
        given.add(kind);
      }
    });
    if (given.size() != 1) {
      problems.add(place + ": give exactly one of interval: {every: 30s}, cron: {schedule: …}, block: {rpc: …, everyBlocks: 20} or event: {rpc: …, "
          + "address: …, signature: …}" + (given.isEmpty() ? "" : "; it has " + String.join(" and ", given)));
      return "";
    }
    return given.getFirst();
  }
}
