package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.submit.Acknowledgement;
import avs.execution.submit.Submitter;
import avs.execution.task.TaskRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one task one step and records the step before anything depends on it: RECEIVED → PENDING (signed, params
 * stored) or FAILED; PENDING → ACKNOWLEDGED, a retry later, or DEAD. Used by triggers and the dispatcher alike, so a
 * task behaves the same whoever carries it. Every task's end gets one log line.
 */
final class TaskProgress {
  private static final Logger LOG = LoggerFactory.getLogger(TaskProgress.class);
  private final Outbox outbox;
  private final Preparation preparation;
  private final Submitter submitter;
  private final Backoff backoff;
  private final int maxAttempts;
  private final TaskWaiters waiters;
  private final Clock clock;

  TaskProgress(Outbox outbox, Preparation preparation, Submitter submitter, Backoff backoff, int maxAttempts, TaskWaiters waiters, Clock clock) {
    this.outbox = outbox;
    this.preparation = preparation;
    this.submitter = submitter;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.waiters = waiters;
    this.clock = clock;
  }

  /** Executes, proves and signs a RECEIVED task; the PENDING record, or a StageFailure after recording FAILED. */
  TaskRecord prepare(TaskRecord received) {
    try {
      Preparation.Prepared prepared = preparation.prepare(new TaskRequest(received.id(), received.taskDefinitionId(), received.targetChainId()));
      outbox.signed(received.id(), prepared.proofOfTask(), prepared.data(), prepared.paramsJson());
      return pending(received, prepared);
    } catch (Preparation.StageFailure e) {
      String reason = "failed at " + e.stage() + ": " + e.getMessage();
      outbox.failed(received.id(), reason);
      LOG.warn("task {} def={} {}; nothing was signed or sent", received.id(), received.taskDefinitionId(), reason);
      waiters.finish(received.id(), TaskState.FAILED, reason);
      throw e;
    }
  }

  /** Sends a PENDING task's stored params once and records what happened; returns the task's state now. */
  TaskState attempt(TaskRecord pending) {
    int attempts = pending.attempts() + 1;
    try {
      Acknowledgement ack = submitter.submit(pending.params().orElseThrow());
      outbox.acknowledged(pending.id(), attempts);
      LOG.info("task {} def={} proof={} acknowledged by the node (attempt {}, rpc id {})",
          pending.id(), pending.taskDefinitionId(), pending.proofOfTask().orElse("?"), attempts, ack.requestId());
      waiters.finish(pending.id(), TaskState.ACKNOWLEDGED, null);
      return TaskState.ACKNOWLEDGED;
    } catch (UpstreamFailure e) {
      Instant next = clock.instant().plus(backoff.after(attempts));
      Optional<String> giveUp = reasonToGiveUp(pending, attempts, e, next);
      if (giveUp.isPresent()) {
        outbox.dead(pending.id(), attempts, giveUp.get());
        LOG.warn("task {} def={} proof={} is dead: {}", pending.id(), pending.taskDefinitionId(), pending.proofOfTask().orElse("?"), giveUp.get());
        waiters.finish(pending.id(), TaskState.DEAD, giveUp.get());
        return TaskState.DEAD;
      }
      outbox.retryLater(pending.id(), TaskState.PENDING, attempts, e.getMessage(), next);
      LOG.debug("task {} attempt {} failed, next at {}: {}", pending.id(), attempts, next, e.getMessage());
      return TaskState.PENDING;
    }
  }

  private Optional<String> reasonToGiveUp(TaskRecord pending, int attempts, UpstreamFailure e, Instant next) {
    if (!e.retryable()) {
      return Optional.of("refused: " + e.getMessage());
    }
    if (attempts >= maxAttempts) {
      return Optional.of("no acknowledgement after " + attempts + " attempts (SUBMIT_MAX_ATTEMPTS); last error: " + e.getMessage());
    }
    if (next.isAfter(pending.deadlineAt())) {
      return Optional.of("deadline " + pending.deadlineAt() + " passed (TASK_DEADLINE_SECONDS) after " + attempts + " attempts; last error: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static TaskRecord pending(TaskRecord received, Preparation.Prepared prepared) {
    return new TaskRecord(received.id(), received.idempotencyKey(), received.taskDefinitionId(), received.targetChainId(), TaskState.PENDING,
        Optional.of(prepared.proofOfTask()), Optional.of(prepared.data()), Optional.of(prepared.paramsJson()), received.attempts(),
        Optional.empty(), received.createdAt(), received.updatedAt(), received.nextAttemptAt(), received.deadlineAt(), Optional.empty());
  }
}
