package avs.execution.task;

import avs.execution.error.NotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Task definitions by id. Configured as {@code TASK_DEFINITIONS}: {@code *=price-oracle} (the default, like the
 * reference: every id runs the price oracle) or an explicit list such as {@code 0=price-oracle,7=price-oracle}, in
 * which case an unlisted id is not found.
 */
public final class TaskRegistry {
  static final int RESERVED_FIRST = 10001;
  static final int RESERVED_LAST = 10003;
  private final Map<Integer, TaskDefinition> byId;
  private final Optional<TaskDefinition> fallback;

  private TaskRegistry(Map<Integer, TaskDefinition> byId, Optional<TaskDefinition> fallback) {
    this.byId = byId;
    this.fallback = fallback;
  }

  /**
   * Parses a TASK_DEFINITIONS value against the available task definitions (by name).
   *
   * @throws IllegalArgumentException naming the entry that is wrong
   */
  public static TaskRegistry parse(String spec, Map<String, TaskDefinition> available) {
    Map<Integer, TaskDefinition> byId = new TreeMap<>();
    TaskDefinition fallback = null;
    for (String entry : spec.split(",")) {
      String[] parts = entry.strip().split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException("TASK_DEFINITIONS entry \"" + entry.strip() + "\" is not ID=TASK (e.g. 0=price-oracle or *=price-oracle)");
      }
      TaskDefinition task = available.get(parts[1].strip());
      if (task == null) {
        throw new IllegalArgumentException("TASK_DEFINITIONS names unknown task \"" + parts[1].strip() + "\"; known tasks: " + String.join(", ", available.keySet()));
      }
      String id = parts[0].strip();
      if (id.equals("*")) {
        fallback = task;
      } else {
        byId.put(parseId(id), task);
      }
    }
    return new TaskRegistry(Map.copyOf(byId), Optional.ofNullable(fallback));
  }

  public TaskDefinition find(int taskDefinitionId) {
    if (isReserved(taskDefinitionId)) {
      throw new NotFound("taskDefinitionId " + taskDefinitionId + " is one of the Othentic node's own internal tasks ("
          + RESERVED_FIRST + "–" + RESERVED_LAST + "); an AVS cannot use it");
    }
    return lookup(taskDefinitionId).orElseThrow(() -> new NotFound("no task is registered for taskDefinitionId " + taskDefinitionId
        + " (registered: " + describe() + "; see TASK_DEFINITIONS)"));
  }

  /** The task definition for an id, if one is registered (the ids reserved for the node never are). */
  public Optional<TaskDefinition> lookup(int taskDefinitionId) {
    if (isReserved(taskDefinitionId)) {
      return Optional.empty();
    }
    TaskDefinition task = byId.get(taskDefinitionId);
    return task != null ? Optional.of(task) : fallback;
  }

  /** Ids 10001–10003: the Othentic node's internal tasks (voting-power sync, per-definition sync, weights update). */
  public static boolean isReserved(int taskDefinitionId) {
    return taskDefinitionId >= RESERVED_FIRST && taskDefinitionId <= RESERVED_LAST;
  }

  /** Every distinct task definition registered, each once. */
  public List<TaskDefinition> definitions() {
    List<TaskDefinition> all = new ArrayList<>();
    byId.values().forEach(task -> {
      if (!all.contains(task)) {
        all.add(task);
      }
    });
    fallback.filter(task -> !all.contains(task)).ifPresent(all::add);
    return all;
  }

  public String describe() {
    List<String> parts = new ArrayList<>();
    byId.forEach((id, task) -> parts.add(id + "=" + task.name()));
    fallback.ifPresent(task -> parts.add("*=" + task.name()));
    return String.join(",", parts);
  }

  private static int parseId(String id) {
    try {
      int value = Integer.parseInt(id);
      if (isReserved(value)) {
        throw new IllegalArgumentException("TASK_DEFINITIONS id " + value + " is reserved for the Othentic node's own internal tasks ("
            + RESERVED_FIRST + "–" + RESERVED_LAST + "): choose another id for this AVS's task");
      }
      if (value >= 0 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("TASK_DEFINITIONS id \"" + id + "\" must be * or a number from 0 to 65535");
  }
}
