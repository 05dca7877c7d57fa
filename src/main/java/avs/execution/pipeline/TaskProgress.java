package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

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
  private final TaskJournal journal;

  TaskProgress(Outbox outbox, Preparation preparation, Submitter submitter, Backoff backoff, int maxAttempts, TaskWaiters waiters, Clock clock,
      TaskMetrics metrics, TaskJournal journal) {
    this.journal = journal;
    this.outbox = outbox;
    this.preparation = preparation;
    this.submitter = submitter;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.waiters = waiters;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Executes, proves and signs a task recorded as RECEIVED; the PENDING record. A failure worth retrying is recorded
   * as a later attempt (ExecutionDeferred); any other as FAILED (StageFailure).
   */
  TaskRecord prepare(TaskRecord received) {
    Preparation.Prepared prepared = prepareOrRecord(received, new Recording() {
      @Override
      public void failed(TaskRecord task, String reason) {
        outbox.failed(task.id(), reason);
      }

      @Override
      public void retrying(TaskRecord task) {
        outbox.retryLater(task.id(), TaskState.RECEIVED, task.attempts(), task.lastError().orElse(""), task.nextAttemptAt());
      }
    });
    if (!outbox.signed(received.id(), prepared.proofOfTask(), prepared.data(), prepared.paramsJson())) {
      // someone else signed it meanwhile (our lease ran out): sending ours would put a second signature on the network
      throw new IllegalStateException("task " + received.id() + " was signed by another worker meanwhile; this signature is discarded unsent");
    }
    return received.signed(prepared.proofOfTask(), prepared.data(), prepared.paramsJson());
  }

  /**
   * Executes, proves and signs a task not recorded yet, then records it as PENDING with its params (leased to the
   * caller): one write instead of two for a trigger that needs no record before it runs. A failure is recorded as
   * in {@link #prepare}.
   */
  TaskRecord prepareUnrecorded(TaskRecord fresh, Instant leaseUntil) {
    Preparation.Prepared prepared = prepareOrRecord(fresh, new Recording() {
      @Override
      public void failed(TaskRecord task, String reason) {
        outbox.admit(task.failed(reason), Instant.EPOCH);
      }

      @Override
      public void retrying(TaskRecord task) {
        outbox.admit(task, Instant.EPOCH);
      }
    });
    TaskRecord pending = fresh.signed(prepared.proofOfTask(), prepared.data(), prepared.paramsJson());
    outbox.admit(pending, leaseUntil);
    return pending;
  }

  /** How a task's failed preparation is written: as an update of its row, or as its first row. */
  private interface Recording {
    void failed(TaskRecord task, String reason);

    void retrying(TaskRecord task);
  }

  private Preparation.Prepared prepareOrRecord(TaskRecord task, Recording recording) {
    String name = preparation.taskName(task.taskDefinitionId());
    try {
      journal.record(task.id(), clock.instant(), "executing", name + (task.attempts() > 0 ? " (attempt " + (task.attempts() + 1) + ")" : ""));
      Preparation.Prepared prepared = preparation.prepare(new TaskRequest(task.id(), task.taskDefinitionId(), task.targetChainId(), input(task)),
          (stage, detail) -> journal.record(task.id(), clock.instant(), stage, detail));
      metrics.executed(name, "ok");
      return prepared;
    } catch (Preparation.StageFailure e) {
      int attempts = task.attempts() + 1;
      Instant next = clock.instant().plus(backoff.after(attempts));
      String reason = "failed at " + e.stage() + ": " + e.getMessage();
      if (e.original() instanceof UpstreamFailure upstream && upstream.retryable() && attempts < maxAttempts && !next.isAfter(task.deadlineAt())) {
        TaskRecord retrying = task.retrying(attempts, reason, next);
        recording.retrying(retrying);
        journal.record(task.id(), clock.instant(), "execution deferred", reason + "; next attempt at " + next);
        metrics.executed(name, "retry");
        LOG.info("task {} def={} {}; tried again at {} (attempt {})", task.id(), task.taskDefinitionId(), reason, next, attempts + 1);
        throw new ExecutionDeferred(upstream, retrying);
      }
      String finalReason = attempts > 1 ? reason + " (after " + attempts + " attempts)" : reason;
      recording.failed(task, finalReason);
      journal.record(task.id(), clock.instant(), "failed", finalReason);
      metrics.failed(e.stage());
      metrics.executed(name, "failed");
      LOG.warn("task {} def={} {}; nothing was signed or sent", task.id(), task.taskDefinitionId(), finalReason);
      waiters.finish(task.id(), TaskState.FAILED, finalReason);
      throw e;
    }
  }

  private static JsonNode input(TaskRecord task) {
    return task.input().map(Json.MAPPER::readTree).orElse(null);
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
      journal.record(pending.id(), clock.instant(), "sent (attempt " + attempts + ")", "acknowledged by the node (JSON-RPC id " + ack.requestId() + ")");
      LOG.info("task {} def={} proof={} acknowledged by the node (attempt {}, rpc id {})",
          pending.id(), pending.taskDefinitionId(), pending.proofOfTask().orElse("?"), attempts, ack.requestId());
      metrics.acknowledged(Duration.between(pending.createdAt(), clock.instant()));
      waiters.finish(pending.id(), TaskState.ACKNOWLEDGED, null);
      return TaskState.ACKNOWLEDGED;
    } catch (UpstreamFailure e) {
      Instant next = clock.instant().plus(backoff.after(attempts));
      Optional<String> giveUp = reasonToGiveUp(pending, attempts, e, next);
      journal.record(pending.id(), clock.instant(), "sent (attempt " + attempts + ")", "not acknowledged: " + e.getMessage());
      if (giveUp.isPresent()) {
        outbox.dead(pending.id(), attempts, giveUp.get());
        journal.record(pending.id(), clock.instant(), "dead", giveUp.get());
        metrics.dead();
        LOG.warn("task {} def={} proof={} is dead: {}", pending.id(), pending.taskDefinitionId(), pending.proofOfTask().orElse("?"), giveUp.get());
        waiters.finish(pending.id(), TaskState.DEAD, giveUp.get());
        return TaskState.DEAD;
      }
      outbox.retryLater(pending.id(), TaskState.PENDING, attempts, e.getMessage(), next);
      journal.record(pending.id(), clock.instant(), "retry scheduled", "attempt " + (attempts + 1) + " at " + next);
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
}
