package avs.execution.pipeline;

import avs.execution.error.IdempotencyKeyReused;
import avs.execution.error.TaskFailed;
import avs.execution.error.TooBusy;
import avs.execution.json.Json;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.submit.Submitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The intake: where a trigger (an HTTP call today; schedules and chain events later) becomes a task. Admission first (work in flight and unfinished tasks are bounded: beyond either,
 * TooBusy). Then the task is executed, signed and sent once right here; if the node has not acknowledged it within
 * the wait, the answer says it is queued and the dispatcher carries on. The caller gets the task as it stands when
 * the answer is due, or the failure that ended it.
 *
 * <p>When a task is written: an asynchronous trigger or one with an idempotency key is recorded (RECEIVED) before
 * any work, since it is answered "accepted" early or must reserve its key. A plain trigger is recorded once signed,
 * with its params, before the first send: its answer always comes later, so it is never answered unrecorded, and it
 * costs one write less.
 */
public final class TaskIntake implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskIntake.class);
  /** How long a trigger's claim on its own task lasts; after a crash the dispatcher takes over once it ends. */
  static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private final Outbox outbox;
  private final TaskProgress progress;
  private final Dispatcher dispatcher;
  private final TaskWaiters waiters;
  private final Preparation preparation;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final Semaphore inFlight;
  private final TaskMetrics metrics;
  private final TaskJournal journal = new TaskJournal();
  private volatile boolean closing;

  /**
   * One trigger: what to run (the task definition, its input — null for none — and the chain), and how the caller
   * wants it handled (an idempotency key; answered at once, or when acknowledged).
   */
  public record Request(int taskDefinitionId, OptionalLong targetChainId, JsonNode input, Optional<String> idempotencyKey, boolean async) {
    Optional<String> inputText() {
      return input == null || input.isNull() ? Optional.empty() : Optional.of(Json.text(input));
    }
  }

  public TaskIntake(Outbox outbox, Preparation preparation, Submitter submitter, DeliveryPolicy policy, Clock clock, boolean singleNode,
      TaskMetrics metrics) {
    this.outbox = outbox;
    this.metrics = metrics;
    this.preparation = preparation;
    this.policy = policy;
    this.clock = clock;
    this.waiters = new TaskWaiters();
    this.progress = new TaskProgress(outbox, preparation, submitter, policy.backoff(), policy.maxAttempts(), waiters, clock, metrics, journal);
    this.dispatcher = new Dispatcher(outbox, progress, LEASE, policy.sendConcurrency());
    metrics.backlog(dispatcher::backlog);
    this.inFlight = new Semaphore(policy.maxInFlight());
    if (singleNode) {
      outbox.releaseLeases(); // no other process shares this outbox: what a crashed run held is ours to resume
    }
    dispatcher.start();
  }

  /** The task as it stands when the trigger is answered (for a repeated idempotency key, the earlier trigger's task). */
  public TaskRecord trigger(Request request) {
    return admitAndCarry(request).task();
  }

  /**
   * A firing of a schedule or chain trigger under its deterministic key: admitted and carried on in the background
   * (true), or found as the task that already holds the key (false).
   */
  public boolean fire(int taskDefinitionId, JsonNode input, String key) {
    return admitAndCarry(new Request(taskDefinitionId, OptionalLong.empty(), input, Optional.of(key), true)).created();
  }

  /** Whether a trigger with this task definition and input would be admitted; a BadRequest naming the field if not. */
  public void checkAdmissible(int taskDefinitionId, JsonNode input) {
    preparation.checkAdmissible(taskDefinitionId, input);
  }

  /** A task as a trigger left it, and whether that trigger created it. */
  private record Admitted(TaskRecord task, boolean created) {}

  private Admitted admitAndCarry(Request request) {
    preparation.checkAdmissible(request.taskDefinitionId(), request.input());
    admit();
    boolean handedOff = false;
    try {
      Instant now = clock.instant();
      TaskRecord received = TaskRecord.received(newTaskId(), request.idempotencyKey(), request.taskDefinitionId(), request.targetChainId(),
          request.inputText(), now, now.plus(policy.deadline()));
      if (!request.async() && request.idempotencyKey().isEmpty()) {
        // nothing to reserve and nobody told "accepted" before the answer: recorded with its params, before sending
        dispatcher.admitted();
        metrics.accepted();
        return new Admitted(carryAndWait(received, now.plus(policy.ackWait()), false), true);
      }
      Outbox.Admission admission = outbox.admit(received, now.plus(LEASE));
      if (!admission.created()) {
        return new Admitted(sameRequest(admission.task(), request), false);
      }
      dispatcher.admitted();
      metrics.accepted();
      if (request.async()) {
        Thread.ofVirtual().name("task-" + received.id()).start(() -> {
          try {
            carry(received);
          } finally {
            inFlight.release();
          }
        });
        handedOff = true;
        return new Admitted(received, true);
      }
      return new Admitted(carryAndWait(received, now.plus(policy.ackWait()), true), true);
    } finally {
      if (!handedOff) {
        inFlight.release();
      }
    }
  }

  /** The earlier task of a repeated idempotency key, provided it was triggered for the same work (else 422). */
  private static TaskRecord sameRequest(TaskRecord earlier, Request request) {
    if (earlier.taskDefinitionId() != request.taskDefinitionId() || !earlier.targetChainId().equals(request.targetChainId())
        || !earlier.input().equals(request.inputText())) {
      throw new IdempotencyKeyReused("Idempotency-Key " + request.idempotencyKey().orElse("") + " was first used for task "
          + earlier.id() + " (taskDefinitionId " + earlier.taskDefinitionId() + earlier.targetChainId().stream()
          .mapToObj(chain -> ", targetChainId " + chain).findFirst().orElse("")
          + (earlier.input().isPresent() ? ", with another input" : "") + "), a different request; use a new key for new work");
    }
    return earlier;
  }

  public Optional<TaskRecord> find(String taskId) {
    return outbox.find(taskId);
  }

  /** The steps of the newest tasks this process carried (the console's task story). */
  public TaskJournal journal() {
    return journal;
  }

  public Outbox outbox() {
    return outbox;
  }

  public String performerAddress() {
    return preparation.performerAddress();
  }

  private void admit() {
    if (closing) {
      metrics.refused("shutting_down");
      throw new TooBusy("the service is shutting down; try another performer or again after its restart", Duration.ofSeconds(5));
    }
    if (dispatcher.backlog() >= policy.maxQueued()) {
      metrics.refused("queued");
      throw new TooBusy(dispatcher.backlog() + " tasks are waiting for the node (MAX_QUEUED " + policy.maxQueued() + ")", RETRY_AFTER);
    }
    if (!inFlight.tryAcquire()) {
      metrics.refused("in_flight");
      throw new TooBusy(policy.maxInFlight() + " tasks are already in progress (MAX_IN_FLIGHT)", RETRY_AFTER);
    }
  }

  private void carry(TaskRecord received) {
    try {
      TaskRecord pending = progress.prepare(received);
      if (progress.attempt(pending) == TaskState.PENDING) {
        dispatcher.nudge();
      }
    } catch (Preparation.StageFailure | ExecutionDeferred e) {
      // recorded (failed, or to be tried again), logged
    } catch (RuntimeException e) {
      LOG.warn("task {}: {}; it stays in the outbox and resumes after its lease or at the next start", received.id(), e.getMessage());
    }
  }

  private TaskRecord carryAndWait(TaskRecord received, Instant answerBy, boolean recorded) {
    CompletableFuture<TaskWaiters.Ending> ending = waiters.register(received.id());
    try {
      TaskRecord pending;
      try {
        pending = recorded ? progress.prepare(received) : progress.prepareUnrecorded(received, clock.instant().plus(LEASE));
      } catch (Preparation.StageFailure e) {
        throw e.original(); // the upstream's own failure decides the status, as without an outbox
      }
      // an ExecutionDeferred goes to the caller as it is: the failure's status, and the task that will be tried again
      TaskState state = progress.attempt(pending);
      if (state == TaskState.PENDING) {
        state = await(ending, answerBy);
      }
      if (state == TaskState.DEAD) {
        throw new TaskFailed("task " + received.id() + " was not delivered: " + ending.getNow(new TaskWaiters.Ending(state, "see GET /task/" + received.id())).reason());
      }
      return pending.withState(state);
    } finally {
      waiters.forget(received.id());
    }
  }

  private TaskState await(CompletableFuture<TaskWaiters.Ending> ending, Instant answerBy) {
    long millis = Duration.between(clock.instant(), answerBy).toMillis();
    try {
      return millis <= 0 ? TaskState.PENDING : ending.get(millis, TimeUnit.MILLISECONDS).state();
    } catch (TimeoutException e) {
      return TaskState.PENDING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskState.PENDING;
    } catch (ExecutionException e) {
      return TaskState.PENDING;
    }
  }

  /**
   * The first half of a shutdown: new triggers get TooBusy, and the ones in progress finish their current step and
   * record it (waiting up to {@code grace}). Call it before the HTTP server stops, so no handler is cut off mid-step.
   */
  public void stopAdmitting() {
    stopAdmitting(SHUTDOWN_GRACE);
  }

  private void stopAdmitting(Duration grace) {
    closing = true;
    try {
      if (inFlight.tryAcquire(policy.maxInFlight(), grace.toMillis(), TimeUnit.MILLISECONDS)) {
        inFlight.release(policy.maxInFlight());
      } else {
        LOG.warn("{} triggers still in progress after {} s; their tasks resume at the next start", policy.maxInFlight() - inFlight.availablePermits(),
            grace.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops admitting (see {@link #stopAdmitting}), stops the dispatcher, and closes the outbox; the rest resumes later. */
  public void close(Duration grace) {
    stopAdmitting(grace);
    dispatcher.stop(grace);
    outbox.close();
  }

  @Override
  public void close() {
    close(SHUTDOWN_GRACE);
  }

  /**
   * A time-ordered version-7 UUID (RFC 9562): the millisecond first, then 74 random bits. Ordered by time, new ids land
   * at the end of the outbox's primary-key index instead of at random places in it, which with millions of tasks kept
   * is the difference between touching one page per insert and a different one each time. Unique, not secret: the
   * bits come from ThreadLocalRandom rather than UUID.randomUUID's SecureRandom, whose shared /dev/urandom reads were
   * a measurable cost under load.
   */
  static String newTaskId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
