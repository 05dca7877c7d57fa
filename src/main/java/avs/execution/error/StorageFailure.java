package avs.execution.error;

/** The outbox database could not record or read a task. Nothing is answered as accepted when this happens. */
public final class StorageFailure extends RuntimeException {
  public StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
