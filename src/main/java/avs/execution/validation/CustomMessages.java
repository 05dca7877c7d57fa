package avs.execution.validation;

import avs.execution.sign.Hex;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages the network gossips ({@code sendCustomMessage}, delivered to {@code POST /p2p/message}): each is handed
 * to every task definition and kept, the newest {@value #KEPT}, for operators to look at.
 */
public final class CustomMessages {
  private static final Logger LOG = LoggerFactory.getLogger(CustomMessages.class);
  static final int KEPT = 100;
  private final TaskRegistry registry;
  private final Clock clock;
  private final Deque<Received> recent = new ArrayDeque<>();
  private long total;

  public record Received(Instant at, String data) {}

  public CustomMessages(TaskRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  public void receive(byte[] data) {
    Received message = new Received(clock.instant(), Hex.encode(data));
    synchronized (this) {
      total++;
      recent.addFirst(message);
      if (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
    LOG.info("custom message of {} bytes received", data.length);
    for (TaskDefinition task : registry.definitions()) {
      try {
        task.onCustomMessage(data);
      } catch (RuntimeException e) {
        LOG.warn("task {} failed to handle a custom message", task.name(), e);
      }
    }
  }

  /** The newest messages first. */
  public synchronized List<Received> recent() {
    return List.copyOf(recent);
  }

  public synchronized long total() {
    return total;
  }
}
