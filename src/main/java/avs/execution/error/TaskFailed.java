package avs.execution.error;

/** A task this service accepted ended without reaching the network (failed before signing, or dead): 502. */
public final class TaskFailed extends RuntimeException {
  public TaskFailed(String message) {
    super(message);
  }
}
