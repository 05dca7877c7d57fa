package avs.execution.task;

/** The logic of one task definition: the code that produces a result is the code that knows how to check it. */
public interface TaskDefinition {
  /** The name used in TASK_DEFINITIONS, e.g. "price-oracle". */
  String name();

  TaskResult execute(TaskRequest request);

  /**
   * Whether an attester should approve this proof, with the reason. An upstream this needs (an exchange) failing
   * is an UpstreamFailure, never a refusal: the attester then gives no vote instead of a wrong one.
   */
  Verdict validate(ValidationRequest request);

  /** A custom message gossiped by the network ({@code sendCustomMessage}); ignored unless the task uses them. */
  default void onCustomMessage(byte[] data) {}
}
