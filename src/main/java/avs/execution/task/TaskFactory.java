package avs.execution.task;

/**
 * A kind of task: the built-in price oracle, an adapter to the team's own code, … Each makes task definitions from
 * their configured entries; {@link TaskKinds} finds it by {@link #kind()}.
 */
public interface TaskFactory {
  /** The name entries use: "price-oracle" ({@code builtin: price-oracle}), "adapter" ({@code adapter:}). */
  String kind();

  /**
   * The task definition for one entry.
   *
   * @throws InvalidTaskSpec with every problem of the entry's settings, each naming its place
   */
  TaskDefinition create(TaskSpec spec, TaskContext context);
}
