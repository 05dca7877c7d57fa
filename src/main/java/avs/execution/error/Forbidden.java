package avs.execution.error;

/** The caller may not do this (the console's actions without its token, a cross-site request): 403. */
public final class Forbidden extends RuntimeException {
  public Forbidden(String message) {
    super(message);
  }
}
