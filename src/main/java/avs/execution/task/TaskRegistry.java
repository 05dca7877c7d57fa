package avs.execution.task;

import avs.execution.error.NotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The task definitions by taskDefinitionId, each with the entry it was made from; one entry may be "*", for every id
 * no other entry has (the reference runs its one task for every id). Ids 10001–10003 are the Othentic node's own
 * internal tasks: no entry can have them, and even "*" does not run them.
 */
public final class TaskRegistry implements AutoCloseable {
  static final int RESERVED_FIRST = 10001;
  static final int RESERVED_LAST = 10003;
  private final Map<Integer, Registered> byId;
  private final Optional<Registered> fallback;
  private final List<Registered> all;

  /** A task definition and the entry that made it. */
  public record Registered(TaskSpec spec, TaskDefinition definition) {}

  TaskRegistry(List<Registered> entries) {
    Map<Integer, Registered> ids = new TreeMap<>();
    Registered catchAll = null;
    for (Registered entry : entries) {
      if (entry.spec().id().isPresent()) {
        ids.put(entry.spec().id().getAsInt(), entry);
      } else {
        catchAll = entry;
      }
    }
    this.byId = java.util.Collections.unmodifiableMap(ids); // sorted by id, as describe() shows them
    this.fallback = Optional.ofNullable(catchAll);
    this.all = List.copyOf(entries);
  }

  /** The task definition for an id; NotFound (404) naming the registered ids when there is none. */
  public TaskDefinition find(int taskDefinitionId) {
    return entry(taskDefinitionId).definition();
  }

  /** The entry for an id, with its settings (where its data goes, say); NotFound when there is none. */
  public Registered entry(int taskDefinitionId) {
    if (isReserved(taskDefinitionId)) {
      throw new NotFound("taskDefinitionId " + taskDefinitionId + " is one of the Othentic node's own internal tasks ("
          + RESERVED_FIRST + "–" + RESERVED_LAST + "); an AVS cannot use it");
    }
    return lookupEntry(taskDefinitionId).orElseThrow(() -> new NotFound("no task is registered for taskDefinitionId " + taskDefinitionId
        + " (registered: " + describe() + "; see the tasks file or TASK_DEFINITIONS)"));
  }

  /** The task definition for an id, if one is registered (the ids reserved for the node never are). */
  public Optional<TaskDefinition> lookup(int taskDefinitionId) {
    return lookupEntry(taskDefinitionId).map(Registered::definition);
  }

  private Optional<Registered> lookupEntry(int taskDefinitionId) {
    if (isReserved(taskDefinitionId)) {
      return Optional.empty();
    }
    Registered entry = byId.get(taskDefinitionId);
    return entry != null ? Optional.of(entry) : fallback;
  }

  /** Ids 10001–10003: the Othentic node's internal tasks (voting-power sync, per-definition sync, weights update). */
  public static boolean isReserved(int taskDefinitionId) {
    return taskDefinitionId >= RESERVED_FIRST && taskDefinitionId <= RESERVED_LAST;
  }

  /** Every task definition registered, each once, in the order configured. */
  public List<TaskDefinition> definitions() {
    List<TaskDefinition> definitions = new ArrayList<>();
    all.forEach(entry -> definitions.add(entry.definition()));
    return definitions;
  }

  public List<Registered> entries() {
    return all;
  }

  /** "0=price-oracle,7=factor,*=price-oracle": ids and names, for the start-up line and errors. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    byId.forEach((id, entry) -> parts.add(id + "=" + entry.spec().name()));
    fallback.ifPresent(entry -> parts.add("*=" + entry.spec().name()));
    return String.join(",", parts);
  }

  @Override
  public void close() {
    for (Registered entry : all) {
      try {
        entry.definition().close();
      } catch (RuntimeException e) {
        // closing the others matters more; a task's own close logs what went wrong
      }
    }
  }
}
