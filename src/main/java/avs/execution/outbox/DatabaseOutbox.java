package avs.execution.outbox;

import avs.execution.error.StorageFailure;
import avs.execution.task.DataPlacement;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The outbox in a database (SQLite or PostgreSQL). Writes go through a {@link CommitQueue} (one transaction per
 * batch, committed before any caller returns); reads use a small pool. State changes name the state they leave, so a
 * late or repeated update can never move a task backwards.
 */
final class DatabaseOutbox implements Outbox {
  private static final String COLUMNS = "id, idempotency_key, task_definition_id, target_chain_id, input, state, proof_of_task, data, params, "
      + "attempts, last_error, created_at, updated_at, next_attempt_at, deadline_at, acknowledged_at";
  private static final String INSERT = "INSERT INTO tasks (" + COLUMNS + ", lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "ON CONFLICT DO NOTHING";
  private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM tasks WHERE id = ?";
  private static final String SELECT_BY_KEY = "SELECT " + COLUMNS + " FROM tasks WHERE idempotency_key = ?";
  /**
   * The WHERE term of the partial index tasks_due (V1), repeated word for word where a query is meant to use it:
   * SQLite uses a partial index only for a query whose WHERE contains its term as written.
   */
  private static final String UNFINISHED = "state IN ('RECEIVED', 'PENDING')";
  private final OutboxDatabase database;
  private final CommitQueue writes;
  private final HikariDataSource reads;
  private final Clock clock;
  private final StateCounts tally;
  /** PostgreSQL prunes beside the writer; SQLite, which has one writer, through it (null). */
  private final PostgresPruning postgresPruning;

  DatabaseOutbox(OutboxDatabase database, Clock clock) throws SQLException {
    this.database = database;
    this.tally = new StateCounts(database.countShard());
    this.writes = new CommitQueue(database::writerConnection, tally);
    this.reads = database.readerPool();
    this.clock = clock;
    this.postgresPruning = database.dialect() == OutboxDatabase.Dialect.POSTGRESQL ? new PostgresPruning(reads, database.countShard()) : null;
  }

  @Override
  public boolean singleNode() {
    return database.singleNode();
  }

  @Override
  public Admission admit(TaskRecord task, Instant leaseUntil) {
    return writes.run(statements -> {
      PreparedStatement insert = statements.prepare(INSERT);
      insert.setString(1, task.id());
      insert.setString(2, task.idempotencyKey().orElse(null));
      insert.setInt(3, task.taskDefinitionId());
      setLong(insert, 4, task.targetChainId());
      insert.setString(5, task.input().orElse(null));
      insert.setString(6, task.state().name());
      insert.setString(7, task.proofOfTask().orElse(null));
      insert.setString(8, task.data().orElse(null));
      insert.setString(9, task.params().orElse(null));
      insert.setInt(10, task.attempts());
      insert.setString(11, task.lastError().orElse(null));
      insert.setLong(12, task.createdAt().toEpochMilli());
      insert.setLong(13, task.updatedAt().toEpochMilli());
      insert.setLong(14, task.nextAttemptAt().toEpochMilli());
      insert.setLong(15, task.deadlineAt().toEpochMilli());
      insert.setObject(16, task.acknowledgedAt().map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
      insert.setLong(17, leaseUntil.toEpochMilli());
      if (insert.executeUpdate() == 1) {
        tally.added(task.state(), 1);
        return new Admission(task, true);
      }
      String key = task.idempotencyKey().orElseThrow(() -> new SQLException("task id " + task.id() + " is already in the outbox"));
      return new Admission(first(readAll(bind(statements.prepare(SELECT_BY_KEY), key))).orElseThrow(), false);
    });
  }

  @Override
  public boolean signed(String id, String proofOfTask, String data, String params) {
    return change(TaskState.RECEIVED, TaskState.PENDING, "UPDATE tasks SET state = 'PENDING', proof_of_task = ?, data = ?, params = ?, attempts = 0, last_error = NULL, updated_at = ? "
        + "WHERE id = ? AND state = 'RECEIVED'", proofOfTask, data, params, now(), id);
  }

  @Override
  public CompletableFuture<Boolean> acknowledged(String id, int attempts) {
    long now = now();
    return writes.runLater(statements -> bind(statements.prepare("UPDATE tasks SET state = 'ACKNOWLEDGED', attempts = ?, last_error = NULL, "
        + "acknowledged_at = ?, updated_at = ?, lease_until = 0 WHERE id = ? AND state = 'PENDING'"), attempts, now, now, id).executeUpdate() == 1
        && moved(TaskState.PENDING, TaskState.ACKNOWLEDGED, 1) > 0);
  }

  @Override
  public boolean retryLater(String id, TaskState state, int attempts, String error, Instant next) {
    return change(state, state, "UPDATE tasks SET attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ?, lease_until = 0 WHERE id = ? AND state = ?",
        attempts, error, next.toEpochMilli(), now(), id, state.name());
  }

  @Override
  public boolean dead(String id, int attempts, String error) {
    return change(TaskState.PENDING, TaskState.DEAD, "UPDATE tasks SET state = 'DEAD', attempts = ?, last_error = ?, updated_at = ?, lease_until = 0 WHERE id = ? AND state = 'PENDING'",
        attempts, error, now(), id);
  }

  @Override
  public boolean failed(String id, String error) {
    return change(TaskState.RECEIVED, TaskState.FAILED, "UPDATE tasks SET state = 'FAILED', last_error = ?, updated_at = ?, lease_until = 0 WHERE id = ? AND state = 'RECEIVED'",
        error, now(), id);
  }

  @Override
  public List<TaskRecord> claimDue(int limit, Duration lease) {
    long now = now();
    String sql = "UPDATE tasks SET lease_until = ? WHERE id IN (SELECT id FROM tasks WHERE state IN ('RECEIVED', 'PENDING') "
        + "AND next_attempt_at <= ? AND lease_until <= ? ORDER BY next_attempt_at LIMIT ?" + database.dialect().lockClause() + ") RETURNING " + COLUMNS;
    return writes.run(statements -> readAll(bind(statements.prepare(sql), now + lease.toMillis(), now, now, limit)));
  }

  @Override
  public int releaseLeases() {
    return writes.run(statements -> statements.prepare("UPDATE tasks SET lease_until = 0 WHERE " + UNFINISHED + " AND lease_until > 0").executeUpdate());
  }

  @Override
  public int requeueDead(List<String> ids, Duration deadline) {
    long now = now();
    String which = ids.isEmpty() ? "" : " AND id IN (" + ids.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")";
    List<Object> arguments = new ArrayList<>(List.of(now, now + deadline.toMillis(), now));
    arguments.addAll(ids);
    return writes.run(statements -> {
      int requeued = bind(statements.prepare("UPDATE tasks SET state = 'PENDING', attempts = 0, next_attempt_at = ?, "
          + "deadline_at = ?, updated_at = ?, lease_until = 0 WHERE state = 'DEAD'" + which), arguments.toArray()).executeUpdate();
      moved(TaskState.DEAD, TaskState.PENDING, requeued);
      return requeued;
    });
  }

  @Override
  public Pruned prune(TaskState state, Instant finishedBefore, Instant createdFrom, int limit) {
    if (state.unfinished()) {
      throw new IllegalArgumentException("only finished tasks are pruned, not " + state.wireName() + " ones");
    }
    // By age through tasks_state_created; a task finishes after it is created, so none created since the cutoff qualifies
    String delete = "DELETE FROM tasks WHERE id IN (SELECT id FROM tasks WHERE state = '" + state.name()
        + "' AND created_at >= ? AND created_at < ? AND updated_at < ? ORDER BY created_at LIMIT ?) RETURNING created_at";
    long cutoff = finishedBefore.toEpochMilli();
    Object[] arguments = {createdFrom.toEpochMilli(), cutoff, cutoff, limit};
    if (postgresPruning != null) {
      return postgresPruning.delete(state, createdFrom, connection -> {
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
          return deleted(bind(statement, arguments), createdFrom);
        }
      });
    }
    return writes.run(statements -> { // SQLite has one writer: the delete takes its turn with the others
      Pruned pruned = deleted(bind(statements.prepare(delete), arguments), createdFrom);
      tally.removed(state, pruned.tasks());
      return pruned;
    });
  }

  /** Runs a DELETE … RETURNING created_at: how many rows it deleted, and the newest creation time among them. */
  private static Pruned deleted(PreparedStatement delete, Instant createdFrom) throws SQLException {
    int tasks = 0;
    long newest = createdFrom.toEpochMilli();
    try (ResultSet rows = delete.executeQuery()) {
      while (rows.next()) {
        tasks++;
        newest = Math.max(newest, rows.getLong(1));
      }
    }
    return new Pruned(tasks, Instant.ofEpochMilli(newest));
  }

  @Override
  public int reclaimSpace(int pages) {
    if (database.dialect() != OutboxDatabase.Dialect.SQLITE) {
      return 0; // PostgreSQL's autovacuum makes the space of deleted rows reusable
    }
    if (!database.vacuumsIncrementally()) {
      return 0;
    }
    return writes.run(statements -> {
      long free = freePages(statements);
      if (free == 0) {
        return 0;
      }
      // The JDBC driver steps a statement without columns once, and each step of this pragma frees one page.
      for (long step = Math.min(free, pages); step > 0; step--) {
        statements.executeOnce("PRAGMA incremental_vacuum");
      }
      return (int) (free - freePages(statements));
    });
  }

  private static long freePages(CommitQueue.Statements statements) throws SQLException {
    try (ResultSet rows = statements.prepare("PRAGMA freelist_count").executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  @Override
  public Set<String> proofsInUse() {
    return read(connection -> {
      Set<String> cids = new HashSet<>();
      for (TaskState state : List.of(TaskState.PENDING, TaskState.DEAD)) {
        try (PreparedStatement select = connection.prepareStatement("SELECT proof_of_task, data FROM tasks WHERE state = '" + state.name() + "'");
            ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Optional.ofNullable(rows.getString(1)).ifPresent(cids::add);
            Optional.ofNullable(rows.getString(2)).filter(data -> data.startsWith(DataPlacement.REFERENCE_PREFIX)).map(data -> data.substring(DataPlacement.REFERENCE_PREFIX.length()))
                .ifPresent(cids::add);
          }
        }
      }
      return cids;
    });
  }

  @Override
  public Optional<String> writeProblem() {
    return writes.writeProblem();
  }

  @Override
  public OptionalLong sizeBytes() {
    return database.sizeBytes();
  }

  @Override
  public Optional<TaskRecord> find(String id) {
    return writes.run(statements -> first(readAll(bind(statements.prepare(SELECT_BY_ID), id))));
  }

  @Override
  public List<TaskRecord> list(Set<TaskState> states, int limit) {
    // The newest of each state through tasks_state_created, merged: the same few rows read at any size of the table.
    return read(connection -> {
      List<TaskRecord> newest = new ArrayList<>();
      for (TaskState state : states.isEmpty() ? Set.of(TaskState.values()) : states) {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE state = '" + state.name()
            + "' ORDER BY created_at DESC, id LIMIT ?")) {
          select.setInt(1, limit);
          newest.addAll(readAll(select));
        }
      }
      newest.sort(Comparator.comparing(TaskRecord::createdAt).reversed().thenComparing(TaskRecord::id));
      return newest.size() > limit ? List.copyOf(newest.subList(0, limit)) : newest;
    });
  }

  @Override
  public long unfinished() {
    Map<TaskState, Long> counts = counts();
    return counts.get(TaskState.RECEIVED) + counts.get(TaskState.PENDING);
  }

  @Override
  public Map<TaskState, Long> counts() {
    return read(connection -> {
      Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
      for (TaskState state : TaskState.values()) {
        counts.put(state, 0L);
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT state, SUM(task_count) FROM task_counts GROUP BY state");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          counts.put(TaskState.valueOf(rows.getString(1)), rows.getLong(2));
        }
      }
      return counts;
    });
  }

  @Override
  public Optional<String> cursor(String trigger) {
    return writes.run(statements -> {
      try (ResultSet rows = bind(statements.prepare("SELECT position FROM trigger_cursors WHERE trigger_id = ?"), trigger).executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
      }
    });
  }

  @Override
  public void saveCursor(String trigger, String position) {
    writes.run(statements -> bind(statements.prepare("INSERT INTO trigger_cursors (trigger_id, position, updated_at) VALUES (?, ?, ?) "
        + "ON CONFLICT (trigger_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at"), trigger, position, now())
        .executeUpdate());
  }

  @Override
  public String describe() {
    return database.describe();
  }

  @Override
  public void close() {
    writes.close();
    database.close();
  }

  private long now() {
    return clock.millis();
  }

  /** One task's change from one state to another (the same, for a retry), counted when it happened. */
  private boolean change(TaskState from, TaskState to, String sql, Object... arguments) {
    return writes.run(statements -> moved(from, to, bind(statements.prepare(sql), arguments).executeUpdate()) == 1);
  }

  /** Counts {@code tasks} (the rows a statement changed) as moved, and returns that number. */
  private int moved(TaskState from, TaskState to, int tasks) {
    if (from != to && tasks > 0) {
      tally.moved(from, to, tasks);
    }
    return tasks;
  }

  private static PreparedStatement bind(PreparedStatement statement, Object... arguments) throws SQLException {
    for (int i = 0; i < arguments.length; i++) {
      statement.setObject(i + 1, arguments[i]);
    }
    return statement;
  }

  @FunctionalInterface
  private interface Query<T> {
    T apply(Connection connection) throws SQLException;
  }

  private <T> T read(Query<T> query) {
    try (Connection connection = reads.getConnection()) {
      return query.apply(connection);
    } catch (SQLException e) {
      throw new StorageFailure("outbox read failed: " + e.getMessage(), e);
    }
  }

  private static Optional<TaskRecord> first(List<TaskRecord> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static List<TaskRecord> readAll(PreparedStatement statement) throws SQLException {
    List<TaskRecord> records = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        records.add(new TaskRecord(
            rows.getString("id"),
            Optional.ofNullable(rows.getString("idempotency_key")),
            rows.getInt("task_definition_id"),
            optionalLong(rows, "target_chain_id"),
            Optional.ofNullable(rows.getString("input")),
            TaskState.valueOf(rows.getString("state")),
            Optional.ofNullable(rows.getString("proof_of_task")),
            Optional.ofNullable(rows.getString("data")),
            Optional.ofNullable(rows.getString("params")),
            rows.getInt("attempts"),
            Optional.ofNullable(rows.getString("last_error")),
            Instant.ofEpochMilli(rows.getLong("created_at")),
            Instant.ofEpochMilli(rows.getLong("updated_at")),
            Instant.ofEpochMilli(rows.getLong("next_attempt_at")),
            Instant.ofEpochMilli(rows.getLong("deadline_at")),
            optionalLong(rows, "acknowledged_at").stream().mapToObj(Instant::ofEpochMilli).findFirst()));
      }
    }
    return records;
  }

  private static OptionalLong optionalLong(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.getAsLong());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }
}
