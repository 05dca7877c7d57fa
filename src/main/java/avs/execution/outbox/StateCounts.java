package avs.execution.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The writer's running tally of tasks per state within the transaction being built: each state change adds to it,
 * and just before the commit the tally is added to the task_counts table in the same transaction (one upsert per
 * state that changed, in a fixed order so two replicas' writers never wait on each other in a cycle). A rolled-back
 * transaction discards its tally. Used on the writer thread only.
 */
final class StateCounts {
  private static final String ADD = "INSERT INTO task_counts (state, shard, task_count) VALUES (?, ?, ?) "
      + "ON CONFLICT (state, shard) DO UPDATE SET task_count = task_counts.task_count + excluded.task_count";
  private final long[] changes = new long[TaskState.values().length];
  private final int shard;

  /** {@code shard}: this writer's row per state (0 for SQLite; one of a few per PostgreSQL replica). */
  StateCounts(int shard) {
    this.shard = shard;
  }

  void added(TaskState state, long tasks) {
    changes[state.ordinal()] += tasks;
  }

  void moved(TaskState from, TaskState to, long tasks) {
    changes[from.ordinal()] -= tasks;
    changes[to.ordinal()] += tasks;
  }

  void removed(TaskState state, long tasks) {
    changes[state.ordinal()] -= tasks;
  }

  /** Writes the tally into the transaction about to commit, and starts a new one. */
  void write(CommitQueue.Statements statements) throws SQLException {
    for (TaskState state : TaskState.values()) {
      long change = changes[state.ordinal()];
      if (change != 0) {
        bindAdd(statements.prepare(ADD), state, shard, change).executeUpdate();
      }
    }
    discard();
  }

  /** Adds {@code change} to a state's count in a transaction outside the writer's (PostgreSQL's pruning). */
  static void add(Connection connection, TaskState state, int shard, long change) throws SQLException {
    try (PreparedStatement add = connection.prepareStatement(ADD)) {
      bindAdd(add, state, shard, change).executeUpdate();
    }
  }

  private static PreparedStatement bindAdd(PreparedStatement add, TaskState state, int shard, long change) throws SQLException {
    add.setString(1, state.name());
    add.setInt(2, shard);
    add.setLong(3, change);
    return add;
  }

  /** Forgets the tally of a transaction that was rolled back. */
  void discard() {
    Arrays.fill(changes, 0);
  }
}
