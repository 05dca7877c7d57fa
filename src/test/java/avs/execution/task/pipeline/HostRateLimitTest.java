package avs.execution.task.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-host rate limit: a second's worth of turns at once, then one turn per 1/rate, waiting within the patience given. */
class HostRateLimitTest {
  @Test
  void aBurstOfOneSecondThenTurnsAreSpacedOrRefusedPastThePatience() {
    HostRateLimit limit = new HostRateLimit();
    limit.acquire("api.example", 2, Duration.ZERO);
    limit.acquire("api.example", 2, Duration.ZERO);
    assertThatThrownBy(() -> limit.acquire("api.example", 2, Duration.ofMillis(100)))
        .hasMessage("more than 2 requests per second to api.example (hostRateLimit): no turn within 100 ms");
    limit.acquire("other.example", 2, Duration.ZERO); // each host has its own turns
    long start = System.nanoTime();
    limit.acquire("api.example", 2, Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(200));
  }
}
