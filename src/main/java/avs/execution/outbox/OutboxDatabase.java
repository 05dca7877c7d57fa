package avs.execution.outbox;

import avs.execution.error.StorageFailure;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the outbox's database and brings its schema up to date with Flyway (db/migration). The embedded default is
 * one SQLite file in the data directory, in WAL mode with synchronous commits: a commit is on disk when it returns.
 */
final class OutboxDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDatabase.class);
  /** The SQL that differs between the databases we run on. */
  enum Dialect {
    SQLITE(""),
    POSTGRESQL(" FOR UPDATE SKIP LOCKED");

    private final String lockClause;

    Dialect(String lockClause) {
      this.lockClause = lockClause;
    }

    /** Appended to the claim's inner SELECT: replicas sharing PostgreSQL skip rows another one is claiming. */
    String lockClause() {
      return lockClause;
    }
  }

  private static final int COUNT_SHARDS = 16;
  /** Files up to this size are converted to incremental vacuum at start-up (a full VACUUM): it takes well under a second. */
  private static final long CONVERT_BELOW_BYTES = 64L << 20;
  private final DataSource source;
  private final HikariDataSource readers;
  private final Dialect dialect;
  private final String description;
  private final HikariDataSource owned;
  private final Path file;
  private final boolean vacuumsIncrementally;
  private final int countShard;
  /** The embedded file's WAL checkpoints, off the writer's commits (null for PostgreSQL). */
  private final WalCheckpointer checkpointer;

  private OutboxDatabase(DataSource source, HikariDataSource readers, Dialect dialect, String description, HikariDataSource owned, Path file,
      boolean vacuumsIncrementally, WalCheckpointer checkpointer) {
    this.source = source;
    this.readers = readers;
    this.dialect = dialect;
    this.description = description;
    this.owned = owned;
    this.file = file;
    this.vacuumsIncrementally = vacuumsIncrementally;
    // SQLite has one writer, so one row per state; PostgreSQL replicas each pick one of 16, so they rarely share a row
    this.countShard = dialect == Dialect.SQLITE ? 0 : ThreadLocalRandom.current().nextInt(COUNT_SHARDS);
    this.checkpointer = checkpointer;
  }

  /** The embedded outbox: {@code file} (its directory is created), migrated, ready. */
  static Outbox openSqlite(Path file, OutboxSettings.Sync sync, Clock clock) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StorageFailure("cannot create the outbox directory for " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(sync == OutboxSettings.Sync.NORMAL ? SQLiteConfig.SynchronousMode.NORMAL : SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(30_000);
    // Measured on a small VM: most of the writer's time was system calls; reads through a memory map skip a pread per
    // page. (A 10x larger WAL saved little CPU and made each checkpoint a 40 ms stall: the default stays.)
    config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(256L << 20));
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WalCheckpointer.BACKSTOP_PAGES)); // see WalCheckpointer
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    boolean incremental = vacuumIncrementally(sqlite, file);
    migrate(sqlite, file.toString());
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("outbox-readers");
    pool.setMaximumPoolSize(4);
    String description = "sqlite " + file + (sync == OutboxSettings.Sync.NORMAL ? " (OUTBOX_SYNC=normal: durable against a process crash, not a power cut)" : "");
    return open(new OutboxDatabase(sqlite, new HikariDataSource(pool), Dialect.SQLITE, description, null, file, incremental,
        new WalCheckpointer(sqlite)), clock);
  }

  /**
   * A PostgreSQL outbox, which several replicas can share: one pool for reads, one connection for the group-commit
   * writer, and claims that skip rows another replica has locked.
   */
  static Outbox openPostgres(PostgresUrl url, Clock clock) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    url.user().ifPresent(config::setUsername);
    url.password().ifPresent(config::setPassword);
    config.setPoolName("outbox-postgres");
    config.setMaximumPoolSize(6);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageFailure("cannot connect to the outbox database " + url.describe() + ": " + rootMessage(e), e);
    }
    try {
      migrate(pool, url.describe());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return open(new OutboxDatabase(pool, pool, Dialect.POSTGRESQL, "postgresql " + url.describe(), pool, null, false, null), clock);
  }

  /**
   * Makes the file return the pages that pruning frees to the filesystem (auto_vacuum=incremental), which SQLite
   * allows only by rewriting the file (VACUUM): done here for a new file and a small one. A large file made before
   * retention existed keeps auto_vacuum=none: its free pages are reused by new tasks, so it stops growing, but does
   * not shrink (a VACUUM with the service stopped converts it).
   */
  private static boolean vacuumIncrementally(SQLiteDataSource sqlite, Path file) {
    try (Connection connection = sqlite.getConnection(); Statement statement = connection.createStatement()) {
      if (mode(statement) == 2) {
        return true;
      }
      if (Files.size(file) >= CONVERT_BELOW_BYTES) {
        LOG.info("outbox {}: made before retention, so the pages pruning frees are reused, not given back (VACUUM it once with the "
            + "service stopped, after PRAGMA auto_vacuum = INCREMENTAL, to change that)", file);
        return false;
      }
      statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
      statement.execute("VACUUM"); // a WAL-mode file exists from its first connection, so even a new one needs this
      return mode(statement) == 2;
    } catch (SQLException | IOException e) {
      throw new StorageFailure("cannot open the outbox " + file + ": " + e.getMessage(), e);
    }
  }

  private static int mode(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("PRAGMA auto_vacuum")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  private static Outbox open(OutboxDatabase database, Clock clock) {
    try {
      return new DatabaseOutbox(database, clock);
    } catch (SQLException e) {
      database.close();
      throw new StorageFailure("cannot open the outbox " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static void migrate(DataSource source, String where) {
    try {
      Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    } catch (FlywayException e) {
      throw new StorageFailure("cannot bring the outbox schema at " + where + " up to date: " + e.getMessage(), e);
    }
  }

  Connection writerConnection() throws SQLException {
    return source.getConnection();
  }

  HikariDataSource readerPool() {
    return readers;
  }

  Dialect dialect() {
    return dialect;
  }

  /** This writer's row per state in task_counts. */
  int countShard() {
    return countShard;
  }

  /** Whether {@code PRAGMA incremental_vacuum} returns free pages to the filesystem (SQLite files made or converted so). */
  boolean vacuumsIncrementally() {
    return vacuumsIncrementally;
  }

  /** The bytes the outbox takes: the SQLite file with its WAL, or the PostgreSQL database; empty if it cannot be read. */
  OptionalLong sizeBytes() {
    if (file != null) {
      long bytes = 0;
      for (Path part : new Path[] {file, Path.of(file + "-wal"), Path.of(file + "-shm")}) {
        try {
          bytes += Files.size(part);
        } catch (IOException e) {
          // a WAL that is not there (yet) takes no space
        }
      }
      return OptionalLong.of(bytes);
    }
    try (Connection connection = readers.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_database_size(current_database())")) {
      return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
    } catch (SQLException e) {
      return OptionalLong.empty();
    }
  }

  String describe() {
    return description;
  }

  /** Whether no other process can share this outbox (SQLite: one file, one service), so leases found at start are stale. */
  boolean singleNode() {
    return dialect == Dialect.SQLITE;
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    readers.close();
    if (owned != null) {
      owned.close();
    }
  }
}
