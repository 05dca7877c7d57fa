package avs.execution.outbox;

import avs.execution.error.StorageFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Pruning on PostgreSQL, on a connection of its own rather than through the group-commit writer: a trigger's write
 * never waits behind a delete, and the delete's commit does not wait for the disk ({@code synchronous_commit = off}
 * for that transaction only; a delete lost to a crash is done again by the next pass, and the task counts are
 * changed in the same transaction, so they stay exact either way). One replica prunes at a time: the transaction
 * first takes an advisory lock, and gives up at once if another replica holds it.
 */
final class PostgresPruning {
  private static final long LOCK = 0x61767370_72756e65L; // "avsprune"
  private final DataSource pool;
  private final int countShard;

  PostgresPruning(DataSource pool, int countShard) {
    this.pool = pool;
    this.countShard = countShard;
  }

  /** The batch's DELETE, on the pruning transaction's connection. */
  @FunctionalInterface
  interface Delete {
    Outbox.Pruned run(Connection connection) throws SQLException;
  }

  /**
   * Runs the delete in a transaction of its own, with the counts changed in it, and returns what it deleted (nothing,
   * still at {@code createdFrom}, while another replica prunes).
   */
  Outbox.Pruned delete(TaskState state, Instant createdFrom, Delete delete) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Outbox.Pruned pruned = locked(connection) ? delete.run(connection) : new Outbox.Pruned(0, createdFrom);
        if (pruned.tasks() > 0) { // last, just before the commit: the counts row is locked for as short a time as can be
          StateCounts.add(connection, state, countShard, -pruned.tasks());
        }
        connection.commit();
        return pruned;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageFailure("pruning " + state.wireName() + " tasks failed: " + e.getMessage(), e);
    }
  }

  /**
   * Sets the transaction up (the commit need not wait for the disk; the plan is the generic one, since planning this
   * delete for its values probes the index's ends, stepping over every entry that earlier deletes left for vacuum) and
   * takes the pruning lock; false when another replica holds it.
   */
  private static boolean locked(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL synchronous_commit = off");
      statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
    }
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, LOCK);
      try (ResultSet rows = lock.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }
}
