package avs.execution.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one retry schedule of the service (upstream steps and deliveries alike):
 * attempt n waits base·2^(n−1), capped, then a random point in its upper half, so retries from many tasks spread out
 * instead of arriving at the node together.
 */
public record Backoff(Duration base, Duration max) {

  /** The wait after the given number of failed attempts (1 for the first failure). */
  public Duration after(int failedAttempts) {
    long maxMillis = max.toMillis();
    long ceiling = Math.min(base.toMillis(), maxMillis);
    for (int n = 1; n < failedAttempts && ceiling < maxMillis; n++) {
      ceiling = Math.min(ceiling * 2, maxMillis);
    }
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
  }
}
