package avs.execution.error;

/**
 * The service cannot start for a reason outside its settings' syntax: a port in use, a directory it cannot write,
 * a database it cannot reach. The message is one line naming the cause and what to do; the command line prints
 * only that (the stack trace only at LOG_LEVEL=DEBUG).
 */
public final class StartupFailure extends RuntimeException {
  public StartupFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public StartupFailure(String message) {
    super(message);
  }
}
