package avs.execution.task;

import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * One task definition as configured: an entry of the tasks file, or of TASK_DEFINITIONS. Its kind names the
 * {@link TaskFactory} that makes it; {@code settings} is that kind's own block, read by the factory alone.
 *
 * @param id the taskDefinitionId, or empty for "*" (every id no other entry has)
 * @param name for logs, metrics and errors
 * @param kind the factory: "price-oracle", "adapter", …
 * @param settings the kind's settings (an object, possibly empty)
 * @param params static settings handed to every call of an adapter (an object, possibly empty)
 * @param data where the task's on-chain data goes: inline, or by reference in the proof store
 * @param place where the entry was written, for error messages: "tasks[1]" or "TASK_DEFINITIONS entry 7=price-oracle"
 */
public record TaskSpec(OptionalInt id, String name, String kind, JsonNode settings, JsonNode params, DataPlacement data, String place) {
  public String idText() {
    return id.isPresent() ? Integer.toString(id.getAsInt()) : "*";
  }
}
