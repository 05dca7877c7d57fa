package avs.execution.outbox;

import avs.execution.error.StorageFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: every write to the outbox goes through one writer thread, which runs whatever has queued up in a
 * single transaction and commits once. With synchronous commits each commit is a disk flush, so under load one
 * flush covers many tasks, and each caller still returns only after its own write is durable. If one write in a
 * batch fails, the batch is rolled back and its writes are retried one per transaction, so only the bad one fails.
 */
final class CommitQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommitQueue.class);
  private static final int MAX_BATCH = 512;
  private static final Duration GATHER = Duration.ofMillis(1);

  @FunctionalInterface
  interface Write<T> {
    T apply(Statements statements) throws SQLException;
  }

  /**
   * The writer's prepared statements, kept for the life of the connection: SQLite compiles a statement in tens of
   * microseconds, more than the write itself costs. Callers must not close them.
   */
  static final class Statements {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    private Statements(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement statement = prepared.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        prepared.put(sql, statement);
      }
      statement.clearParameters();
      return statement;
    }

    /** Runs a statement not worth keeping prepared (one step of a maintenance pragma) and closes it, which ends it. */
    void executeOnce(String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    private void close() {
      for (PreparedStatement statement : prepared.values()) {
        try {
          statement.close();
        } catch (SQLException e) {
          // closing the connection next releases it anyway
        }
      }
    }
  }

  private record Job<T>(Write<T> write, CompletableFuture<T> result) {}

  /** Where the writer gets a connection: at start, and again after the database dropped the one it had. */
  @FunctionalInterface
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private final BlockingQueue<Job<?>> jobs = new ArrayBlockingQueue<>(16_384);
  private final ConnectionSource source;
  private final StateCounts counts;
  private Connection connection;
  private Statements statements;
  private final Thread writer;
  private volatile boolean closing;
  private volatile String writeProblem;
  private volatile long lastFailureNanos;
  private volatile long lastCommitNanos;
  /**
   * How long writes must go without a failure before the problem is over: on a full disk some writes (updates in
   * pages the file has) succeed between the ones that need space, and health must not flap with them.
   */
  private static final long RECOVERED_AFTER_NANOS = Duration.ofSeconds(5).toNanos();
  private long writes;
  private long commits;

  /** {@code counts}: the tally the writes keep, written into each transaction just before it commits. */
  CommitQueue(ConnectionSource source, StateCounts counts) throws SQLException {
    this.source = source;
    this.counts = counts;
    connect();
    this.writer = Thread.ofPlatform().name("outbox-writer").daemon(true).start(this::loop);
  }

  /** Opens a connection that answers: a pool may first hand out others that the same outage broke. */
  private void connect() throws SQLException {
    for (int tries = 1; ; tries++) {
      connection = source.open();
      if (connection.isValid(2) || tries == 8) {
        break;
      }
      try {
        connection.close();
      } catch (SQLException e) {
        // a broken connection may refuse even its close; the pool has marked it broken and evicts it
      }
    }
    connection.setAutoCommit(false);
    statements = new Statements(connection);
  }

  /**
   * After a failed batch: if the connection itself is gone (a database restart, a dropped network), replace it, so
   * the failure costs the writes of that batch (their callers get a StorageFailure) and not every write after it.
   */
  private void reconnectIfBroken() {
    try {
      if (connection.isValid(2)) {
        return;
      }
    } catch (SQLException e) {
      // treated as broken
    }
    LOG.warn("outbox: the database connection was lost; reconnecting");
    reconnect();
  }

  /**
   * A fresh connection, with fresh statements: after a write the database itself rolled back (SQLite does on a full
   * disk or an I/O error), the driver's idea of the transaction and its prepared statements no longer match the
   * database's, so the next write on them would fail for that reason instead of its own.
   */
  private void reconnect() {
    closeConnection();
    try {
      connect();
    } catch (SQLException e) {
      LOG.warn("outbox: reconnecting failed ({}); trying again with the next write", e.getMessage());
      connection = null;
    }
  }

  /** Runs the write in the next transaction and returns its result once that transaction is committed. */
  <T> T run(Write<T> write) {
    try {
      return enqueue(write).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof StorageFailure failure ? failure : new StorageFailure("outbox write failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Queues the write for the next transaction without waiting for it; the future completes at its commit. */
  <T> CompletableFuture<T> runLater(Write<T> write) {
    return enqueue(write);
  }

  private <T> CompletableFuture<T> enqueue(Write<T> write) {
    if (closing) {
      throw new StorageFailure("the outbox is shutting down", null);
    }
    Job<T> job = new Job<>(write, new CompletableFuture<>());
    boolean interrupted = false;
    while (true) { // bounded queue: a full one makes writers wait rather than grow memory
      try {
        jobs.put(job);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // a step that happened must still be recorded: finish queueing, keep the interrupt
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return job.result();
  }

  private void loop() {
    List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Job<?> first = jobs.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && jobs.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        jobs.drainTo(batch, MAX_BATCH - 1);
        if (batch.size() > 1) {
          gather(batch);
        }
        commit(batch);
      } catch (InterruptedException e) {
        if (jobs.isEmpty()) {
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Others are writing too: lets the batch fill for {@link #GATHER} (or up to {@link #MAX_BATCH}) before it is
   * written, so one disk flush covers more writes; a lone writer never waits, so a single trigger's latency is
   * unchanged. The writer sleeps through the window and then takes what came, instead of waiting on the queue, which
   * woke it once for every write that arrived in the window (a futex call on each side, for each task).
   */
  private void gather(List<Job<?>> batch) throws InterruptedException {
    long deadline = System.nanoTime() + GATHER.toNanos();
    while (batch.size() < MAX_BATCH) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Duration.ofNanos(left));
      jobs.drainTo(batch, MAX_BATCH - batch.size());
    }
  }

  private void commit(List<Job<?>> batch) {
    if (connection == null) {
      try {
        connect();
      } catch (SQLException e) {
        batch.forEach(job -> fail(job, e));
        return;
      }
    }
    Object[] values = new Object[batch.size()];
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] = batch.get(i).write().apply(statements);
      }
      counts.write(statements);
      connection.commit();
      writes += values.length;
      commits++;
      writesAgain();
    } catch (SQLException | RuntimeException e) {
      if (rollback()) {
        reconnectIfBroken();
      } else {
        reconnect();
      }
      if (batch.size() == 1 || connection == null) {
        batch.forEach(job -> fail(job, e));
      } else {
        batch.forEach(this::commitAlone); // one bad write must not fail the others: one transaction each
      }
      return;
    }
    for (int i = 0; i < values.length; i++) {
      complete(batch.get(i), values[i]); // only now, after the commit: the caller's write is durable
    }
  }

  private void commitAlone(Job<?> job) {
    if (connection == null) {
      fail(job, new SQLException("the outbox database cannot be reached"));
      return;
    }
    try {
      Object value = job.write().apply(statements);
      counts.write(statements);
      connection.commit();
      writesAgain();
      complete(job, value);
    } catch (SQLException | RuntimeException e) {
      if (!rollback()) {
        reconnect();
      }
      fail(job, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Job<T> job, Object value) {
    job.result().complete((T) value);
  }

  private void fail(Job<?> job, Exception e) {
    String problem = WriteFailures.describe(e);
    if (writeProblem == null) {
      LOG.warn("{}", problem); // once, when writes start failing; each caller gets it too
    }
    writeProblem = problem;
    lastFailureNanos = System.nanoTime();
    job.result().completeExceptionally(new StorageFailure(problem, e));
  }

  private void writesAgain() {
    lastCommitNanos = System.nanoTime();
    if (writeProblem != null && recovered()) {
      writeProblem = null;
      LOG.info("outbox: writes have succeeded again for {} s", Duration.ofNanos(RECOVERED_AFTER_NANOS).toSeconds());
    }
  }

  /** A commit succeeded after the last failure, and that failure is long enough ago. */
  private boolean recovered() {
    return lastCommitNanos - lastFailureNanos > 0 && System.nanoTime() - lastFailureNanos > RECOVERED_AFTER_NANOS;
  }

  /**
   * Why writes fail, from the last failure until a commit has succeeded after it and it is 5 s old; empty otherwise.
   * Checked here too, not only at the next commit, so a quiet service need not write again to look well.
   */
  Optional<String> writeProblem() {
    String problem = writeProblem;
    return problem == null || recovered() ? Optional.empty() : Optional.of(problem);
  }

  /** Rolls the transaction back; false when there was none left to roll back (the database ended it itself). */
  private boolean rollback() {
    counts.discard();
    try {
      connection.rollback();
      return true;
    } catch (SQLException e) {
      LOG.debug("outbox rollback failed ({}): reconnecting", e.getMessage());
      return false;
    }
  }

  /** Stops taking writes, finishes the queued ones, and closes the connection. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("outbox writer: {} writes in {} commits", writes, commits);
    closeConnection();
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    statements.close();
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the outbox connection failed: {}", e.getMessage());
    }
  }
}
