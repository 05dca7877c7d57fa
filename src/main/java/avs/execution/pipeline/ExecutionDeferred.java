package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.outbox.TaskRecord;

/**
 * An execution (or its proof's storage) failed in a way worth retrying — an upstream unreachable or too slow, an
 * adapter that timed out or said "retryable" — so the task stays in the outbox and is tried again with the outbox's
 * backoff. The caller is told the failure (its status: 503, 504) and given the task to follow; nothing was signed.
 */
public final class ExecutionDeferred extends RuntimeException {
  private final UpstreamFailure failure;
  private final TaskRecord task;

  ExecutionDeferred(UpstreamFailure failure, TaskRecord task) {
    super(failure.getMessage() + "; task " + task.id() + " is kept and tried again at " + task.nextAttemptAt()
        + " (attempt " + (task.attempts() + 1) + "): follow it at GET /task/" + task.id()
        + ", and trigger it again only with the same Idempotency-Key", failure);
    this.failure = failure;
    this.task = task;
  }

  /** The upstream's failure, whose kind decides the answer's status. */
  public UpstreamFailure failure() {
    return failure;
  }

  public TaskRecord task() {
    return task;
  }
}
