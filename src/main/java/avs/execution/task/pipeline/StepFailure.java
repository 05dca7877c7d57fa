package avs.execution.task.pipeline;

/**
 * A step could not produce its value: a source answered an error, a path was not in the response, too few answers
 * for an aggregate. The message says what and why; the run records it and fails only the steps that needed it.
 */
final class StepFailure extends RuntimeException {
  private final boolean sourceUnreachable;

  StepFailure(String message) {
    this(message, false);
  }

  /** @param sourceUnreachable the failure is the source's (down, slow, refusing us), not the data's */
  StepFailure(String message, boolean sourceUnreachable) {
    super(message, null, false, false);
    this.sourceUnreachable = sourceUnreachable;
  }

  boolean sourceUnreachable() {
    return sourceUnreachable;
  }
}
