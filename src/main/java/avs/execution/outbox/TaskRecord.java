package avs.execution.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the outbox as the rest of the service sees it. {@code input} is the trigger's input as JSON text;
 * {@code params} is the exact JSON text of the sendTask params, present once the task is signed.
 */
public record TaskRecord(
    String id,
    Optional<String> idempotencyKey,
    int taskDefinitionId,
    OptionalLong targetChainId,
    Optional<String> input,
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
      Optional<String> input, Instant now, Instant deadline) {
    return new TaskRecord(id, idempotencyKey, taskDefinitionId, targetChainId, input, TaskState.RECEIVED, Optional.empty(), Optional.empty(),
        Optional.empty(), 0, Optional.empty(), now, now, now, deadline, Optional.empty());
  }

  /** This task as it stands once signed: its proof, its data and the params every attempt will send. */
  public TaskRecord signed(String proof, String signedData, String sendTaskParams) {
    return new TaskRecord(id, idempotencyKey, taskDefinitionId, targetChainId, input, TaskState.PENDING, Optional.of(proof), Optional.of(signedData),
        Optional.of(sendTaskParams), 0, Optional.empty(), createdAt, updatedAt, nextAttemptAt, deadlineAt, Optional.empty());
  }

  /** This task failed before anything was signed. */
  public TaskRecord failed(String reason) {
    return new TaskRecord(id, idempotencyKey, taskDefinitionId, targetChainId, input, TaskState.FAILED, Optional.empty(), Optional.empty(),
        Optional.empty(), attempts, Optional.of(reason), createdAt, updatedAt, nextAttemptAt, deadlineAt, Optional.empty());
  }

  /** This task waiting for another try of the step it is at, after {@code attemptsSoFar} tries. */
  public TaskRecord retrying(int attemptsSoFar, String error, Instant next) {
    return new TaskRecord(id, idempotencyKey, taskDefinitionId, targetChainId, input, state, proofOfTask, data, params, attemptsSoFar,
        Optional.of(error), createdAt, updatedAt, next, deadlineAt, acknowledgedAt);
  }

  public TaskRecord withState(TaskState newState) {
    return new TaskRecord(id, idempotencyKey, taskDefinitionId, targetChainId, input, newState, proofOfTask, data, params, attempts, lastError,
        createdAt, updatedAt, nextAttemptAt, deadlineAt, acknowledgedAt);
  }
}
