package avs.execution.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the embedded outbox's WAL into its file from a thread of its own, a few times a second, so that the writer's
 * commits never wait for it. SQLite would otherwise checkpoint inside whichever commit crossed 1,000 WAL pages:
 * writing those pages into the file and flushing it, a stall of several milliseconds for the triggers waiting on that
 * commit (and of hundreds with a file of millions of tasks). The passive checkpoint here takes no lock that writers or
 * readers wait on; the writer keeps a large automatic checkpoint only as a backstop should this thread fall behind.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  static final int BACKSTOP_PAGES = 16_000;
  private static final Duration EVERY = Duration.ofMillis(200);
  private final DataSource source;
  private final Thread thread;
  private volatile boolean running = true;

  WalCheckpointer(DataSource source) {
    this.source = source;
    this.thread = Thread.ofPlatform().name("outbox-checkpointer").daemon(true).start(this::loop);
  }

  private void loop() {
    Connection connection = null;
    while (running) {
      try {
        if (connection == null) {
          connection = source.getConnection();
        }
        try (Statement statement = connection.createStatement(); ResultSet ignored = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
          // busy, frames in the WAL, frames copied: nothing to act on; the next round copies what this one could not
        }
        Thread.sleep(EVERY);
      } catch (SQLException e) {
        LOG.debug("outbox checkpoint failed ({}); trying again", e.getMessage());
        connection = closeQuietly(connection);
        sleep();
      } catch (InterruptedException e) {
        break;
      }
    }
    closeQuietly(connection);
  }

  private static void sleep() {
    try {
      Thread.sleep(EVERY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Connection closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing a broken connection may fail too
      }
    }
    return null;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
