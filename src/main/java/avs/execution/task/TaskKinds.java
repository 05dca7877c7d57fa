package avs.execution.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kinds of task this build knows, by name, and the one way task definitions are made from their entries:
 * every entry's problems are collected and reported at once, each naming its place.
 */
public final class TaskKinds {
  private final Map<String, TaskFactory> byKind = new LinkedHashMap<>();

  public TaskKinds(List<TaskFactory> factories) {
    factories.forEach(factory -> byKind.put(factory.kind(), factory));
  }

  public Set<String> kinds() {
    return byKind.keySet();
  }

  /**
   * A registry of the task definitions the entries describe.
   *
   * @throws InvalidTaskSpec with every problem of every entry: unknown kinds, bad settings, ids given twice
   */
  public TaskRegistry create(List<TaskSpec> specs, TaskContext context) {
    List<String> problems = new ArrayList<>();
    List<TaskRegistry.Registered> made = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (TaskSpec spec : specs) {
      if (!ids.add(spec.idText())) {
        problems.add(spec.place() + ".id: " + spec.idText() + " is given to two tasks");
        continue;
      }
      TaskFactory factory = byKind.get(spec.kind());
      if (factory == null) {
        problems.add(spec.place() + ": unknown kind of task \"" + spec.kind() + "\" (known: " + String.join(", ", byKind.keySet()) + ")");
        continue;
      }
      try {
        made.add(new TaskRegistry.Registered(spec, factory.create(spec, context)));
      } catch (InvalidTaskSpec e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      made.forEach(entry -> entry.definition().close());
      throw new InvalidTaskSpec(problems);
    }
    return new TaskRegistry(made);
  }
}
