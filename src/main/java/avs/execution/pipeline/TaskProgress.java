package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.submit.Acknowledgement;
import avs.execution.submit.Submitter;
import avs.execution.task.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
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
  private final TaskMetrics metrics;

  TaskProgress(Outbox outbox, Preparation preparation, Submitter submitter, Backoff backoff, int maxAttempts, TaskWaiters waiters, Clock clock,
      TaskMetrics metrics) {
    this.outbox = outbox;
    this.preparation = preparation;
    this.submitter = submitter;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.waiters = waiters;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Executes, proves and signs a task recorded as RECEIVED; the PENDING record, or a StageFailure after recording FAILED. */
  TaskRecord prepare(TaskRecord received) {
    Preparation.Prepared prepared = prepareOrRecordFailure(received, reason -> outbox.failed(received.id(), reason));
    if (!outbox.signed(received.id(), prepared.proofOfTask(), prepared.data(), prepared.paramsJson())) {
      // someone else signed it meanwhile (our lease ran out): sending ours would put a second signature on the network
      throw new IllegalStateException("task " + received.id() + " was signed by another worker meanwhile; this signature is discarded unsent");
    }
    return pending(received, prepared);
  }

  /**
   * Executes, proves and signs a task not recorded yet, then records it as PENDING with its params (leased to the
   * caller): one write instead of two for a trigger that needs no record before it runs. A failure is recorded as
   * FAILED.
   */
  TaskRecord prepareUnrecorded(TaskRecord fresh, Instant leaseUntil) {
    Preparation.Prepared prepared = prepareOrRecordFailure(fresh, reason -> outbox.admit(failed(fresh, reason), Instant.EPOCH));
    TaskRecord pending = pending(fresh, prepared);
    outbox.admit(pending, leaseUntil);
    return pending;
  }

  private Preparation.Prepared prepareOrRecordFailure(TaskRecord task, Consumer<String> recordFailure) {
    try {
      return preparation.prepare(new TaskRequest(task.id(), task.taskDefinitionId(), task.targetChainId()));
    } catch (Preparation.StageFailure e) {
      String reason = "failed at " + e.stage() + ": " + e.getMessage();
      recordFailure.accept(reason);
      metrics.failed(e.stage());
      LOG.warn("task {} def={} {}; nothing was signed or sent", task.id(), task.taskDefinitionId(), reason);
      waiters.finish(task.id(), TaskState.FAILED, reason);
      throw e;
    }
  }

  /** Sends a PENDING task's stored params once and records what happened; returns the task's state now. */
  TaskState attempt(TaskRecord pending) {
    int attempts = pending.attempts() + 1;
    try {
      Acknowledgement ack = submitter.submit(pending.params().orElseThrow());
      outbox.acknowledged(pending.id(), attempts).exceptionally(e -> {
        LOG.warn("task {}: recording its acknowledgement failed ({}); it will be sent again, with the same bytes", pending.id(), e.getMessage());
        return false;
      });
      LOG.info("task {} def={} proof={} acknowledged by the node (attempt {}, rpc id {})",
          pending.id(), pending.taskDefinitionId(), pending.proofOfTask().orElse("?"), attempts, ack.requestId());
      metrics.acknowledged(Duration.between(pending.createdAt(), clock.instant()));
      waiters.finish(pending.id(), TaskState.ACKNOWLEDGED, null);
      return TaskState.ACKNOWLEDGED;
    } catch (UpstreamFailure e) {
      Instant next = clock.instant().plus(backoff.after(attempts));
      Optional<String> giveUp = reasonToGiveUp(pending, attempts, e, next);
      if (giveUp.isPresent()) {
        outbox.dead(pending.id(), attempts, giveUp.get());
        metrics.dead();
        LOG.warn("task {} def={} proof={} is dead: {}", pending.id(), pending.taskDefinitionId(), pending.proofOfTask().orElse("?"), giveUp.get());
        waiters.finish(pending.id(), TaskState.DEAD, giveUp.get());
        return TaskState.DEAD;
      }
      outbox.retryLater(pending.id(), TaskState.PENDING, attempts, e.getMessage(), next);
      metrics.retry();
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

  private static TaskRecord failed(TaskRecord task, String reason) {
    return new TaskRecord(task.id(), task.idempotencyKey(), task.taskDefinitionId(), task.targetChainId(), TaskState.FAILED, Optional.empty(),
        Optional.empty(), Optional.empty(), 0, Optional.of(reason), task.createdAt(), task.updatedAt(), task.nextAttemptAt(), task.deadlineAt(),
        Optional.empty());
  }

  private static TaskRecord pending(TaskRecord received, Preparation.Prepared prepared) {
    return new TaskRecord(received.id(), received.idempotencyKey(), received.taskDefinitionId(), received.targetChainId(), TaskState.PENDING,
        Optional.of(prepared.proofOfTask()), Optional.of(prepared.data()), Optional.of(prepared.paramsJson()), received.attempts(),
        Optional.empty(), received.createdAt(), received.updatedAt(), received.nextAttemptAt(), received.deadlineAt(), Optional.empty());
  }
}
