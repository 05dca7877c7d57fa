package avs.execution.error;

/** The thing asked for does not exist here (a task definition id with no task, an unknown CID). */
public final class NotFound extends RuntimeException {
  public NotFound(String message) {
    super(message);
  }
}
