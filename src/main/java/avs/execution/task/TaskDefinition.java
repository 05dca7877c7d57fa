package avs.execution.task;

/** The logic of one task definition: the code that produces a result is the code that knows how to check it. */
public interface TaskDefinition {
  /** The name used in TASK_DEFINITIONS, e.g. "price-oracle". */
  String name();

  TaskResult execute(TaskRequest request);

  /** Whether an attester should approve this proof. */
  boolean validate(ValidationRequest request);
}
