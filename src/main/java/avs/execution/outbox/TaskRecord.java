package avs.execution.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the outbox as the rest of the service sees it. {@code params} is the exact JSON text of the sendTask
 * params, present once the task is signed.
 */
public record TaskRecord(
    String id,
    Optional<String> idempotencyKey,
    int taskDefinitionId,
    OptionalLong targetChainId,
    TaskState state,
    Optional<String> proofOfTask,
    Optional<String> data,
    Optional<String> params,
    int attempts,
    Optional<String> lastError,
    Instant createdAt,
    Instant updatedAt,
    Instant nextAttemptAt,
    Instant deadlineAt,
    Optional<Instant> acknowledgedAt) {

  /** A task just accepted: nothing done yet, due at once. */
  public static TaskRecord received(String id, Optional<String> idempotencyKey, int taskDefinitionId, OptionalLong targetChainId,
      Instant now, Instant deadline) {
    return new TaskRecord(id, idempotencyKey, taskDefinitionId, targetChainId, TaskState.RECEIVED, Optional.empty(), Optional.empty(),
        Optional.empty(), 0, Optional.empty(), now, now, now, deadline, Optional.empty());
  }
}
