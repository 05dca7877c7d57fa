package avs.execution.retention;

import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskState;
import avs.execution.proof.EmbeddedProofStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the retention settings no longer keep, in the background: finished tasks in batches of {@link #BATCH},
 * each batch followed by a pause several times as long as it took (on SQLite the batches go through the outbox's one
 * writer, so triggers and sends wait at most one small batch; PostgreSQL prunes beside its writer); then the free pages
 * of the embedded file go back to the filesystem; then, less often, the embedded store's old proofs (never one that a
 * pending or dead task refers to), one shard directory at a time with the same rests.
 */
public final class Pruner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
  static final int BATCH = 100;
  /** A pass stops after this many batches (100,000 tasks), and the next goes on a second later: nothing hogs the writer. */
  static final int MAX_BATCHES = 1_000;
  private static final int RECLAIM_PAGES = 32;
  private static final int PAUSE_FACTOR = 4;
  private static final Duration TASKS_EVERY = Duration.ofMinutes(1);
  private static final Duration PROOFS_EVERY = Duration.ofMinutes(10);
  private static final Duration FIRST_PASS_AFTER = Duration.ofSeconds(10);
  private static final List<TaskState> FINISHED = List.of(TaskState.ACKNOWLEDGED, TaskState.FAILED, TaskState.DEAD);

  private final Outbox outbox;
  private final Optional<EmbeddedProofStore> proofs;
  private final RetentionSettings retention;
  private final Clock clock;
  private final RetentionMetrics metrics;
  private volatile boolean running = true;
  /** Whether the last pass stopped at MAX_BATCHES with more to delete: the next one starts at once, not in a minute. */
  private boolean behind;
  private Thread thread;

  public Pruner(Outbox outbox, Optional<EmbeddedProofStore> proofs, RetentionSettings retention, Clock clock, RetentionMetrics metrics) {
    this.outbox = outbox;
    this.proofs = proofs;
    this.retention = retention;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Starts the background passes: tasks every minute, proofs ten minutes after the last proof pass ended, the first
   * ones shortly after start-up.
   */
  public Pruner start() {
    thread = Thread.ofPlatform().name("pruner").daemon(true).start(this::loop);
    return this;
  }

  private void loop() {
    pause(FIRST_PASS_AFTER);
    long nextProofs = System.nanoTime(); // the first proof pass with the first task pass
    while (running) {
      try {
        pruneTasks();
        if (System.nanoTime() - nextProofs >= 0) {
          pruneProofs();
          nextProofs = System.nanoTime() + PROOFS_EVERY.toNanos();
        }
      } catch (RuntimeException e) {
        LOG.warn("retention: a pass failed ({}); the next one tries again", e.getMessage());
      }
      pause(behind ? Duration.ofSeconds(1) : TASKS_EVERY);
    }
  }

  /** One pass over the finished tasks: deletes those past their state's retention; how many per state. */
  public Map<TaskState, Long> pruneTasks() {
    Map<TaskState, Long> pruned = new EnumMap<>(TaskState.class);
    behind = false;
    for (TaskState state : FINISHED) {
      Optional<Duration> kept = retention.of(state);
      if (kept.isEmpty()) {
        continue;
      }
      Instant cutoff = clock.instant().minus(kept.get());
      Instant from = Instant.EPOCH; // each pass starts from the oldest: a task created long ago may have finished since
      long deleted = 0;
      for (int batch = 0; batch < MAX_BATCHES && running; batch++) {
        long started = System.nanoTime();
        Outbox.Pruned rows = outbox.prune(state, cutoff, from, BATCH);
        from = rows.lastCreated();
        deleted += rows.tasks();
        metrics.pruned(state, rows.tasks());
        if (rows.tasks() < BATCH) {
          break;
        }
        if (batch == MAX_BATCHES - 1) {
          behind = true;
        }
        pauseAfter(started);
      }
      if (deleted > 0) {
        pruned.put(state, deleted);
        LOG.info("retention: deleted {} {} task{} finished before {}", deleted, state.wireName(), deleted == 1 ? "" : "s", cutoff);
      }
    }
    if (!pruned.isEmpty()) {
      reclaim();
    }
    return pruned;
  }

  /** Gives the pages that deletions freed back to the filesystem, a few at a time. */
  private void reclaim() {
    for (int step = 0; step < MAX_BATCHES && running; step++) {
      long started = System.nanoTime();
      if (outbox.reclaimSpace(RECLAIM_PAGES) < RECLAIM_PAGES) {
        return;
      }
      pauseAfter(started);
    }
  }

  /**
   * One pass over the embedded proof store: deletes the proofs past PROOF_RETENTION that no task still needs, and
   * measures the rest; one shard directory at a time, each followed by the same rest as a batch of tasks.
   */
  public Optional<EmbeddedProofStore.Pruning> pruneProofs() {
    if (proofs.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> cutoff = retention.ofProofs().map(kept -> clock.instant().minus(kept));
    long[] stepStarted = {System.nanoTime()};
    BooleanSupplier restBetweenShards = () -> {
      pauseAfter(stepStarted[0]);
      stepStarted[0] = System.nanoTime();
      return running;
    };
    Set<String> needed = cutoff.isPresent() ? outbox.proofsInUse() : Set.of();
    EmbeddedProofStore.Pruning pruning = proofs.get().prune(cutoff, needed, restBetweenShards);
    metrics.proofs(pruning);
    if (pruning.deleted() > 0) {
      LOG.info("retention: deleted {} proof{} stored before {}; {} kept ({} bytes)", pruning.deleted(), pruning.deleted() == 1 ? "" : "s",
          cutoff.orElseThrow(), pruning.files(), pruning.bytes());
    }
    return Optional.of(pruning);
  }

  /** Rests several times as long as the batch took, so the writer spends most of its time on tasks. */
  private void pauseAfter(long startedNanos) {
    long took = System.nanoTime() - startedNanos;
    pause(Duration.ofNanos(Math.max(took * PAUSE_FACTOR, TimeUnit.MILLISECONDS.toNanos(5))));
  }

  private void pause(Duration wait) {
    if (!running) {
      return;
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
