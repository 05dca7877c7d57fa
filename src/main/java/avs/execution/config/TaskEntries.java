package avs.execution.config;

import avs.execution.task.DataPlacement;
import avs.execution.task.TaskRegistry;
import avs.execution.task.TaskSpec;
import avs.execution.task.price.PriceMedianFactory;
import avs.execution.task.price.PriceOracleFactory;
import avs.execution.trigger.TriggerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Task entries from wherever they are written — the tasks file's {@code tasks:} list, or TASK_DEFINITIONS
 * ({@code 0=price-oracle,*=price-oracle}) — turned into {@link TaskSpec}s, with every problem named by its place.
 * What each kind's own settings mean is left to its factory.
 */
final class TaskEntries {
  /** The keys every entry may have; a builtin's own settings are the other keys of its entry. */
  static final Set<String> COMMON_KEYS = Set.of("id", "name", "adapter", "pipeline", "builtin", "params", "data", "dataInlineMaxBytes", "trigger");
  /** The kinds whose settings are a block of their own ({@code adapter: {…}}, {@code pipeline: {…}}), not a builtin's keys. */
  private static final Set<String> BLOCK_KINDS = Set.of("adapter", "pipeline");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ID = Pattern.compile("[0-9]{1,5}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TaskEntries() {}

  /** TASK_DEFINITIONS: {@code ID=KIND} pairs, for kinds that need no settings (the built-in price oracle). */
  static List<TaskSpec> fromVariable(String value, List<String> problems) {
    List<TaskSpec> specs = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.strip();
      String[] parts = entry.split("=", 2);
      String place = "TASK_DEFINITIONS entry \"" + entry + "\"";
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        problems.add(place + " is not ID=TASK (e.g. 0=price-oracle or *=price-oracle)");
        continue;
      }
      String kind = parts[1].strip();
      if (!kind.equals(PriceOracleFactory.KIND) && !kind.equals(PriceMedianFactory.KIND)) {
        problems.add(place + ": TASK_DEFINITIONS names only the built-ins price-oracle and price-median; \"" + kind
            + "\" needs a tasks file (TASKS_FILE) with its settings");
        continue;
      }
      id(parts[0].strip(), "TASK_DEFINITIONS id", problems).ifPresent(id ->
          specs.add(new TaskSpec(id, kind, kind, NODES.objectNode(), NODES.objectNode(), DataPlacement.INLINE, place)));
    }
    return specs;
  }

  /** One entry of the tasks file's {@code tasks:} list; empty (with its problems added) when it is not usable. */
  static Optional<TaskSpec> fromFileEntry(JsonNode entry, String place, List<String> problems, List<TriggerSpec> triggers) {
    if (!(entry instanceof ObjectNode fields)) {
      problems.add(place + ": must be a map with id, name, and adapter:, pipeline: or builtin:");
      return Optional.empty();
    }
    Optional<OptionalInt> id = Optional.empty();
    if (!fields.has("id")) {
      problems.add(place + ".id: is required: the taskDefinitionId (0 to 65535), or \"*\" for every other id");
    } else if (fields.get("id").isContainer()) {
      problems.add(place + ".id: must be * or a number from 0 to 65535");
    } else {
      id = id(fields.get("id").asString().strip(), place + ".id", problems);
    }
    String kind = kind(fields, place, problems);
    String name = fields.has("name") ? fields.get("name").asString("") : defaultName(kind, fields.path("id").asString(""));
    if (fields.has("name") && !NAME.matcher(name).matches()) {
      problems.add(place + ".name: must be 1 to 64 letters, digits, '.', '_' or '-' (it labels metrics and logs; got \"" + name + "\")");
    }
    ObjectNode settings = NODES.objectNode();
    for (String key : fields.propertyNames()) {
      if (BLOCK_KINDS.contains(kind) && key.equals(kind) && fields.get(key) instanceof ObjectNode block) {
        settings = block;
      } else if (!COMMON_KEYS.contains(key)) {
        if (BLOCK_KINDS.contains(kind)) {
          problems.add(place + "." + key + ": unknown key (known: " + String.join(", ", new TreeSet<>(COMMON_KEYS)) + ")");
        } else {
          settings.set(key, fields.get(key)); // a builtin's own settings sit beside builtin: in the entry
        }
      }
    }
    JsonNode params = fields.path("params");
    if (!params.isMissingNode() && !params.isObject()) {
      problems.add(place + ".params: must be a map of settings handed to every call");
    }
    DataPlacement data = placement(fields, place, problems);
    if (id.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    if (fields.has("trigger")) {
      trigger(fields.get("trigger"), id.get(), name, place + ".trigger", problems).ifPresent(triggers::add);
    }
    // kept even with problems of its own, so its kind's checks (the adapter's command, say) are reported with them
    return Optional.of(new TaskSpec(id.get(), name, kind, settings, params.isObject() ? params : NODES.objectNode(), data, place));
  }

  /** A task's own trigger (a schedule, blocks or events); only a task with one id can have one. */
  private static Optional<TriggerSpec> trigger(JsonNode block, OptionalInt id, String name, String place, List<String> problems) {
    if (id.isEmpty()) {
      problems.add(place + ": a task for every id (\"*\") cannot have a trigger: give the trigger to a task with its own id");
      return Optional.empty();
    }
    String kind = TriggerSpec.kindOf(block, place, problems);
    return kind.isEmpty() ? Optional.empty() : Optional.of(new TriggerSpec(id.getAsInt(), name, kind, block, place));
  }

  /** Without a name: a builtin's own name ("price-oracle"), else "task-7" (or "task-any" for "*"). */
  private static String defaultName(String kind, String id) {
    if (!kind.isEmpty() && !BLOCK_KINDS.contains(kind) && NAME.matcher(kind).matches()) {
      return kind;
    }
    return id.equals("*") ? "task-any" : ID.matcher(id).matches() ? "task-" + id : "task";
  }

  /** "adapter" for {@code adapter: {…}}, "pipeline" for {@code pipeline: {…}}; the builtin's name for {@code builtin: price-oracle}. */
  private static String kind(ObjectNode fields, String place, List<String> problems) {
    List<String> given = new ArrayList<>();
    for (String kind : List.of("adapter", "pipeline", "builtin")) {
      if (fields.has(kind)) {
        given.add(kind);
      }
    }
    if (given.size() != 1) {
      problems.add(place + ": give exactly one of adapter: (your own code), pipeline: (steps, no code) or builtin: (e.g. builtin: price-oracle)"
          + (given.isEmpty() ? "" : "; it has " + String.join(" and ", given)));
      return "";
    }
    String kind = given.getFirst();
    if (kind.equals("adapter") && !fields.get("adapter").isObject()) {
      problems.add(place + ".adapter: must be a map: command: [program, args…] or url: http://…");
    }
    if (kind.equals("pipeline") && !fields.get("pipeline").isObject()) {
      problems.add(place + ".pipeline: must be a map with steps: and data:");
    }
    if (!kind.equals("builtin")) {
      return kind;
    }
    if (!fields.get("builtin").isString()) {
      problems.add(place + ".builtin: must name a built-in task, e.g. price-oracle");
      return "";
    }
    return fields.get("builtin").stringValue();
  }

  private static DataPlacement placement(ObjectNode fields, String place, List<String> problems) {
    String mode = fields.path("data").asString("inline").toLowerCase(Locale.ROOT);
    int max = DataPlacement.DEFAULT_INLINE_MAX_BYTES;
    if (fields.has("dataInlineMaxBytes")) {
      JsonNode limit = fields.get("dataInlineMaxBytes");
      if (!limit.isIntegralNumber() || limit.asInt() < 0 || limit.asInt() > 1_000_000) {
        problems.add(place + ".dataInlineMaxBytes: must be a whole number of bytes from 0 to 1000000");
      } else {
        max = limit.asInt();
      }
    }
    return switch (mode) {
      case "inline" -> new DataPlacement(DataPlacement.Mode.INLINE, max);
      case "ipfs" -> new DataPlacement(DataPlacement.Mode.IPFS, max);
      case "auto" -> new DataPlacement(DataPlacement.Mode.AUTO, max);
      default -> {
        problems.add(place + ".data: must be inline, ipfs or auto (got \"" + mode + "\")");
        yield DataPlacement.INLINE;
      }
    };
  }

  /** "*" (every other id), or a taskDefinitionId from 0 to 65535 that is not one of the node's own. */
  private static Optional<OptionalInt> id(String text, String what, List<String> problems) {
    if (text.equals("*")) {
      return Optional.of(OptionalInt.empty());
    }
    if (!ID.matcher(text).matches() || Integer.parseInt(text) > 65535) {
      problems.add(what + " \"" + text + "\" must be * or a number from 0 to 65535");
      return Optional.empty();
    }
    int id = Integer.parseInt(text);
    if (TaskRegistry.isReserved(id)) {
      problems.add(what + " " + id + " is reserved for the Othentic node's own internal tasks (10001–10003): choose another id for this AVS's task");
      return Optional.empty();
    }
    return Optional.of(OptionalInt.of(id));
  }
}
