package avs.execution.error;

/** A request body over the configured limit. */
public final class PayloadTooLarge extends RuntimeException {
  public PayloadTooLarge(long limitBytes) {
    super("request body is larger than the limit of " + limitBytes + " bytes");
  }
}
