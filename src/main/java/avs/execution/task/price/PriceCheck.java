package avs.execution.task.price;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How strictly an attester judges a price proof: the largest relative distance from a fresh price it approves
 * ({@code ALLOWED_PRICE_DEVIATION}, 0.05 is ±5 %) and the oldest observation it accepts ({@code PROOF_MAX_AGE_SECONDS}).
 */
public record PriceCheck(BigDecimal allowedDeviation, Duration maxAge) {
  /** How far in the future an observation may claim to be: clocks of two machines disagree a little. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  public PriceCheck {
    if (allowedDeviation.signum() < 0 || allowedDeviation.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("the allowed deviation must be from 0 to 1, got " + allowedDeviation);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("the maximum proof age must be positive, got " + maxAge);
    }
  }
}
