package avs.execution.outbox;

import avs.execution.trigger.TriggerCursors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The durable record of every accepted task, and the one queue of unfinished ones: whatever is accepted is here
 * before anyone is told so. Every state change names the state it leaves, so a late or repeated update can never
 * move a task backwards. Kept in a database ({@link #open}); the pipeline's unit tests use an in-memory fake that
 * passes the same contract tests.
 */
public interface Outbox extends AutoCloseable, TriggerCursors {
  /** The outbox the settings name: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file. */
  static Outbox open(OutboxSettings settings, Clock clock) {
    return settings.databaseUrl().isPresent()
        ? postgres(PostgresUrl.parse(settings.databaseUrl().get().reveal()), clock)
        : embedded(settings.file(), settings.sync(), clock);
  }

  /** A PostgreSQL outbox (migrated to the current schema), shared safely by several replicas. */
  static Outbox postgres(PostgresUrl url, Clock clock) {
    return OutboxDatabase.openPostgres(url, clock);
  }

  /** The embedded outbox: one SQLite file (created with its directory if missing), migrated to the current schema. */
  static Outbox embedded(Path file, Clock clock) {
    return embedded(file, OutboxSettings.Sync.FULL, clock);
  }

  /** The same, committing as {@code sync} says (OUTBOX_SYNC). */
  static Outbox embedded(Path file, OutboxSettings.Sync sync, Clock clock) {
    return OutboxDatabase.openSqlite(file, sync, clock);
  }

  /** The task as now stored, and whether this call created it (false: its idempotency key was already taken). */
  record Admission(TaskRecord task, boolean created) {}

  /** Whether this process is the only one using this outbox (the embedded file), so leases left at start are stale. */
  boolean singleNode();

  /** Stores a new task, leased to the caller until {@code leaseUntil}; or returns the task that holds its key. */
  Admission admit(TaskRecord task, Instant leaseUntil);

  /**
   * RECEIVED → PENDING with the signed params; attempts start again at 0 (they now count sends). The caller keeps
   * its lease for the first attempt.
   */
  boolean signed(String id, String proofOfTask, String data, String params);

  /**
   * PENDING → ACKNOWLEDGED, committed with the next batch without making the caller wait for the flush. Losing this
   * write in a crash loses no task: the task is still PENDING and is sent again, with the same bytes.
   */
  CompletableFuture<Boolean> acknowledged(String id, int attempts);

  /** Records a failed attempt (an execution or a send) and when to try again; the task goes back to the dispatcher. */
  boolean retryLater(String id, TaskState state, int attempts, String error, Instant next);

  /** PENDING → DEAD: refused, out of attempts or past the deadline. */
  boolean dead(String id, int attempts, String error);

  /** RECEIVED → FAILED: no proof or no signature, so nothing was or will be sent. */
  boolean failed(String id, String error);

  /** Leases up to {@code limit} unfinished tasks that are due and not leased by anyone, oldest due first. */
  List<TaskRecord> claimDue(int limit, Duration lease);

  /** Frees every lease: for a single-node outbox at start-up, when no other process can be holding one. */
  int releaseLeases();

  /** DEAD → PENDING with fresh attempts and deadline, for the given ids, or all dead tasks when none are given. */
  int requeueDead(List<String> ids, Duration deadline);

  /**
   * Deletes up to {@code limit} tasks that finished in {@code state} (acknowledged, failed or dead) before
   * {@code finishedBefore} and were created at {@code createdFrom} or later, oldest first: their idempotency keys are
   * free again after this. Returns how many, and when the newest of them was created: a pass goes on from there, so
   * each batch starts where the last one stopped instead of stepping over what the last ones deleted (PostgreSQL's
   * index keeps those entries until vacuum). With several PostgreSQL replicas one prunes at a time; the others get 0.
   * SQLite deletes through the one writer; PostgreSQL on a connection beside it, with an asynchronous commit (a
   * delete lost to a crash is simply done again).
   */
  Pruned prune(TaskState state, Instant finishedBefore, Instant createdFrom, int limit);

  /** {@link #prune(TaskState, Instant, Instant, int)} from the oldest task; how many it deleted. */
  default int prune(TaskState state, Instant finishedBefore, int limit) {
    return prune(state, finishedBefore, Instant.EPOCH, limit).tasks();
  }

  /** What one batch of pruning deleted: how many tasks, and the creation time of the newest (where the next goes on). */
  record Pruned(int tasks, Instant lastCreated) {}

  /** Returns up to {@code pages} free pages of the embedded file to the filesystem; how many (0 where not needed). */
  int reclaimSpace(int pages);

  /**
   * The CIDs of the proofs (and data documents) that tasks which can still be sent refer to: pending ones, and dead
   * ones, which an operator can re-queue.
   */
  Set<String> proofsInUse();

  /**
   * Why writes fail, while they do (the disk is full, the file system read-only, the database unreachable): set by a
   * failed write, cleared by the next commit. Empty while writes succeed.
   */
  Optional<String> writeProblem();

  /** The bytes the outbox takes on disk (the file and its WAL; the PostgreSQL database), when that can be read. */
  OptionalLong sizeBytes();

  /**
   * The task as of every write queued before this call, acknowledgements included: a status read right after a
   * trigger's answer sees what the answer said.
   */
  Optional<TaskRecord> find(String id);

  /** The newest tasks in the given states (all states when empty), at most {@code limit}. */
  List<TaskRecord> list(Set<TaskState> states, int limit);

  /** How many tasks are unfinished (received or pending). */
  long unfinished();

  /** How many tasks are in each state: read from counts kept with every change, so it costs the same at any size. */
  Map<TaskState, Long> counts();

  /** Where a trigger got to ({@code interval:7}: its last slot), as it last saved it; empty for a trigger never run. */
  @Override
  Optional<String> cursor(String trigger);

  /** Saves where a trigger got to, committed before this returns. */
  @Override
  void saveCursor(String trigger, String position);

  /** Where it is, for the start-up line and /health: "sqlite data/outbox.db", "postgresql //host:5432/db". */
  String describe();

  @Override
  void close();
}
