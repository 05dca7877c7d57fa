package avs.execution.task.pipeline;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.LockSupport;

/**
 * At most N requests per second to each host, across every pipeline task of the service (exchanges ban clients
 * that exceed their request weight). A request over the rate waits for its turn, up to its own deadline; past
 * that it fails, naming the limit. Identical concurrent fetches are coalesced before they get here.
 */
final class HostRateLimit {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Takes a turn for {@code host} at {@code perSecond}, waiting up to {@code patience}. */
  void acquire(String host, int perSecond, Duration patience) {
    long waitNanos = buckets.computeIfAbsent(host + "/" + perSecond, key -> new Bucket(perSecond)).reserve(patience.toNanos());
    if (waitNanos < 0) {
      throw new StepFailure("more than " + perSecond + " requests per second to " + host + " (hostRateLimit): no turn within "
          + patience.toMillis() + " ms", true);
    }
    if (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
    }
  }

  /** A token bucket holding one second of requests, refilled at the rate; a turn taken ahead of time leaves it in debt. */
  private static final class Bucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(int perSecond) {
      this.perNano = perSecond / 1e9;
      this.capacity = perSecond;
      this.tokens = perSecond;
    }

    /** How long the caller must wait for its turn, or -1 when that is longer than it may wait (nothing taken). */
    synchronized long reserve(long patienceNanos) {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
      long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
      if (wait > patienceNanos) {
        return -1;
      }
      tokens -= 1;
      return wait;
    }
  }
}
