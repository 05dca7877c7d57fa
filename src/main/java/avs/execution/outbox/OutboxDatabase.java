package avs.execution.outbox;

import avs.execution.error.StorageFailure;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the outbox's database and brings its schema up to date with Flyway (db/migration). The embedded default is
 * one SQLite file in the data directory, in WAL mode with synchronous commits: a commit is on disk when it returns.
 */
final class OutboxDatabase implements AutoCloseable {
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

  private final DataSource source;
  private final HikariDataSource readers;
  private final Dialect dialect;
  private final String description;
  private final HikariDataSource owned;

  private OutboxDatabase(DataSource source, HikariDataSource readers, Dialect dialect, String description, HikariDataSource owned) {
    this.source = source;
    this.readers = readers;
    this.dialect = dialect;
    this.description = description;
    this.owned = owned;
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
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    migrate(sqlite, file.toString());
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("outbox-readers");
    pool.setMaximumPoolSize(4);
    String description = "sqlite " + file + (sync == OutboxSettings.Sync.NORMAL ? " (OUTBOX_SYNC=normal: durable against a process crash, not a power cut)" : "");
    return open(new OutboxDatabase(sqlite, new HikariDataSource(pool), Dialect.SQLITE, description, null), clock);
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
    return open(new OutboxDatabase(pool, pool, Dialect.POSTGRESQL, "postgresql " + url.describe(), pool), clock);
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

  String describe() {
    return description;
  }

  /** Whether no other process can share this outbox (SQLite: one file, one service), so leases found at start are stale. */
  boolean singleNode() {
    return dialect == Dialect.SQLITE;
  }

  @Override
  public void close() {
    readers.close();
    if (owned != null) {
      owned.close();
    }
  }
}
