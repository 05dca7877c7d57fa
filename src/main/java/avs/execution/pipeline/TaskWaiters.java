package avs.execution.pipeline;

import avs.execution.outbox.TaskState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Triggers waiting for their task to finish, by task id. Whoever finishes a task (the trigger's own first attempt or
 * a later one by the dispatcher) completes its waiter; a trigger that stops waiting removes it.
 */
final class TaskWaiters {
  /** How a task ended, with the reason when it did not reach the network. */
  record Ending(TaskState state, String reason) {}

  private final Map<String, CompletableFuture<Ending>> waiting = new ConcurrentHashMap<>();

  CompletableFuture<Ending> register(String taskId) {
    return waiting.computeIfAbsent(taskId, id -> new CompletableFuture<>());
  }

  void finish(String taskId, TaskState state, String reason) {
    CompletableFuture<Ending> waiter = waiting.remove(taskId);
    if (waiter != null) {
      waiter.complete(new Ending(state, reason));
    }
  }

  void forget(String taskId) {
    waiting.remove(taskId);
  }
}
