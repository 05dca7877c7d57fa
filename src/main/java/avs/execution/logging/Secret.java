package avs.execution.logging;

/** A configured secret (a private key, an API secret). Its text never appears in toString, logs or errors. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  /** The secret itself: call only where it is used, never to print. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "********";
  }
}
