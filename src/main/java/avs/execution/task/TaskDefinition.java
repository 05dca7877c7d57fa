package avs.execution.task;

import tools.jackson.databind.JsonNode;

/**
 * The logic of one task definition: the code that produces a result is the code that knows how to check it. Made
 * by a {@link TaskFactory} from its configured entry; closed when the service stops.
 */
public interface TaskDefinition extends AutoCloseable {
  /** The configured name, for logs, metrics and errors ("price-oracle", "factor"). */
  String name();

  /**
   * Whether a trigger's {@code input} is one this task can run on, checked before the task is admitted, so a bad
   * input is a 400 and never a recorded, failed task. Absent input is {@code null}. Throws BadRequest naming "input".
   */
  default void checkInput(JsonNode input) {}

  TaskResult execute(TaskRequest request);

  /**
   * Whether an attester should approve this proof, with the reason. An upstream this needs (an exchange, the
   * adapter) failing is an UpstreamFailure, never a refusal: the attester then gives no vote instead of a wrong one.
   */
  Verdict validate(ValidationRequest request);

  /** A custom message gossiped by the network ({@code sendCustomMessage}); ignored unless the task uses them. */
  default void onCustomMessage(byte[] data) {}

  /** Releases what the task holds (a long-lived adapter process, say). */
  @Override
  default void close() {}
}
