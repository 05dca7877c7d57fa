package avs.execution.error;

/**
 * An idempotency key sent again with a different request (the IETF Idempotency-Key draft: 422): the earlier task
 * is not returned as if it answered this one.
 */
public final class IdempotencyKeyReused extends RuntimeException {
  public IdempotencyKeyReused(String message) {
    super(message);
  }
}
