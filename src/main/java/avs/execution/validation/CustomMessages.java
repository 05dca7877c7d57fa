package avs.execution.validation;

import avs.execution.sign.Hex;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
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

  /** One message: when it came, its bytes as 0x-hex, and the task definition it was sent for, if the node said. */
  public record Received(Instant at, String data, OptionalInt taskDefinitionId) {}

  public CustomMessages(TaskRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Hands the message to the task definition it was sent for (node 1.1 sends the id with it), or to every task
   * definition when no id came (the 2024 nodes); returns how many handlers it reached.
   */
  public int receive(byte[] data, OptionalInt taskDefinitionId) {
    Received message = new Received(clock.instant(), Hex.encode(data), taskDefinitionId);
    synchronized (this) {
      total++;
      recent.addFirst(message);
      if (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
    List<TaskDefinition> handlers = taskDefinitionId.isPresent()
        ? registry.lookup(taskDefinitionId.getAsInt()).map(List::of).orElse(List.of())
        : registry.definitions();
    LOG.info("custom message of {} bytes received{}; handed to {}", data.length,
        taskDefinitionId.isPresent() ? " for task definition " + taskDefinitionId.getAsInt() : "",
        handlers.isEmpty() ? "no task definition (none registered for that id)" : String.join(", ", handlers.stream().map(TaskDefinition::name).toList()));
    for (TaskDefinition task : handlers) {
      try {
        task.onCustomMessage(data);
      } catch (RuntimeException e) {
        LOG.warn("task {} failed to handle a custom message", task.name(), e);
      }
    }
    return handlers.size();
  }

  /** The newest messages first. */
  public synchronized List<Received> recent() {
    return List.copyOf(recent);
  }

  public synchronized long total() {
    return total;
  }
}
