package avs.execution.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the newest tasks this process carried, with their times: executed, proof stored, signed, each send
 * and the node's answer, the end. Kept in memory only (the outbox keeps each task's state, times and last error
 * durably; this adds the story between them), for the operator console. Bounded: the {@value #TASKS} newest tasks, at
 * most {@value #STEPS_PER_TASK} steps each (after that, the newest replace the older sends).
 */
public final class TaskJournal {
  static final int TASKS = 5_000;
  static final int STEPS_PER_TASK = 40;

  /** One step: when, what (a short name), and its detail (the node's answer, a CID, an error). */
  public record Step(Instant at, String what, String detail) {}

  private final Map<String, List<Step>> tasks = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Step>> eldest) {
      return size() > TASKS;
    }
  };

  synchronized void record(String taskId, Instant at, String what, String detail) {
    List<Step> steps = tasks.computeIfAbsent(taskId, id -> new ArrayList<>());
    if (steps.size() >= STEPS_PER_TASK) {
      steps.remove(STEPS_PER_TASK / 2); // keep the first steps (how it started) and the newest
    }
    steps.add(new Step(at, what, detail));
  }

  /** The steps recorded for a task, oldest first; empty when this process has not carried it (or forgot it). */
  public synchronized List<Step> steps(String taskId) {
    return List.copyOf(tasks.getOrDefault(taskId, List.of()));
  }
}
