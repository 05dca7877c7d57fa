package avs.execution.pipeline;

import avs.execution.error.StorageFailure;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries unfinished tasks forward in the background: claims the due ones from the outbox (with a lease, so a
 * trigger still working on its task, or another replica, is left alone), signs RECEIVED ones, and sends PENDING
 * ones, at most {@code concurrency} at a time. Also keeps the count of unfinished tasks that admission checks.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(100);
  private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
  private final Outbox outbox;
  private final TaskProgress progress;
  private final Duration lease;
  private final int concurrency;
  private final Semaphore slots;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong backlog = new AtomicLong();
  /**
   * Tasks whose last step could not be recorded (the outbox could not write: a full disk). They stay leased to this
   * process; rather than wait out the lease, the loop frees each one for the next round as soon as the outbox writes
   * again. Bounded: beyond it, a task waits for its lease.
   */
  private final Queue<String> unrecorded = new ConcurrentLinkedQueue<>();
  private static final int MAX_UNRECORDED = 10_000;
  private final Object wakeUp = new Object();
  private volatile boolean running = true;
  private Thread loop;

  Dispatcher(Outbox outbox, TaskProgress progress, Duration lease, int concurrency) {
    this.outbox = outbox;
    this.progress = progress;
    this.lease = lease;
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
  }

  void start() {
    refreshBacklog();
    loop = Thread.ofPlatform().name("outbox-dispatcher").daemon(true).start(this::run);
  }

  /** Unfinished tasks (received or pending), as of the last refresh (at most a second old). */
  long backlog() {
    return backlog.get();
  }

  /** Counts a task just admitted, so admission sees it before the next refresh. */
  void admitted() {
    backlog.incrementAndGet();
  }

  /** Asks the loop to look for due tasks now rather than at its next poll. */
  void nudge() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  private void run() {
    long nextRefresh = System.nanoTime() + BACKLOG_REFRESH.toNanos();
    while (running) {
      try {
        if (System.nanoTime() >= nextRefresh) {
          refreshBacklog();
          nextRefresh = System.nanoTime() + BACKLOG_REFRESH.toNanos();
        }
        releaseUnrecorded();
        int free = slots.availablePermits();
        List<TaskRecord> due = free == 0 ? List.of() : outbox.claimDue(free, lease);
        for (TaskRecord task : due) {
          slots.acquireUninterruptibly();
          workers.execute(() -> {
            try {
              carry(task);
            } finally {
              slots.release();
            }
          });
        }
        if (due.isEmpty()) {
          synchronized (wakeUp) {
            wakeUp.wait(IDLE_POLL.toMillis());
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("dispatcher: {}; trying again shortly", e.getMessage());
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  private void carry(TaskRecord task) {
    try {
      TaskRecord pending = task.state() == TaskState.RECEIVED ? progress.prepare(task) : task;
      progress.attempt(pending);
    } catch (Preparation.StageFailure | ExecutionDeferred e) {
      // recorded by prepare: failed, or to be tried again
    } catch (StorageFailure e) {
      if (unrecorded.size() < MAX_UNRECORDED) {
        unrecorded.add(task.id());
      }
      LOG.warn("task {}: {}; it stays unfinished and is tried again once the outbox writes again", task.id(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("task {}: {}; it stays unfinished and will be tried again after its lease", task.id(), e.toString());
    }
  }

  /** Makes the tasks whose last step went unrecorded due now, while the outbox takes writes; stops at the first refusal. */
  private void releaseUnrecorded() {
    for (String id = unrecorded.peek(); id != null; id = unrecorded.peek()) {
      try {
        outbox.find(id).filter(task -> task.state().unfinished()).ifPresent(task ->
            outbox.retryLater(task.id(), task.state(), task.attempts(), task.lastError().orElse("its last step could not be recorded"), Instant.EPOCH));
      } catch (StorageFailure e) {
        return; // still cannot write: the next round tries again
      }
      unrecorded.poll();
    }
  }

  private void refreshBacklog() {
    try {
      backlog.set(outbox.unfinished());
    } catch (RuntimeException e) {
      LOG.warn("dispatcher: cannot count unfinished tasks: {}", e.getMessage());
    }
  }

  /** Stops claiming, then waits up to {@code grace} for the attempts under way; the rest stays in the outbox. */
  void stop(Duration grace) {
    running = false;
    nudge();
    if (loop != null) {
      try {
        loop.join(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (!slots.tryAcquire(concurrency, grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("dispatcher: {} deliveries still under way after {} s; they resume at the next start", concurrency - slots.availablePermits(), grace.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
