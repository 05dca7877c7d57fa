package avs.execution.pipeline;

import java.time.Duration;

/**
 * How tasks are carried from trigger to acknowledgement: how long a trigger waits for the node before answering 202,
 * how retries back off (of an execution that failed in a way worth retrying, and of sends), when a task gives up
 * (attempts or age), how many retries run at once, and the admission limits.
 */
public record DeliveryPolicy(Duration ackWait, int maxAttempts, Duration deadline, Duration retryBase, Duration retryMax,
    int sendConcurrency, int maxInFlight, int maxQueued) {

  public Backoff backoff() {
    return new Backoff(retryBase, retryMax);
  }
}
