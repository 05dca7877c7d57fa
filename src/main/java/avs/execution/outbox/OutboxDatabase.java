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

  private OutboxDatabase(DataSource source, HikariDataSource readers, Dialect dialect, String description) {
    this.source = source;
    this.readers = readers;
    this.dialect = dialect;
    this.description = description;
  }

  /** The embedded outbox: {@code file} (its directory is created), migrated, ready. */
  static Outbox openSqlite(Path file, Clock clock) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StorageFailure("cannot create the outbox directory for " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
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
    OutboxDatabase database = new OutboxDatabase(sqlite, new HikariDataSource(pool), Dialect.SQLITE, "sqlite " + file);
    try {
      return new Outbox(database, clock);
    } catch (SQLException e) {
      database.close();
      throw new StorageFailure("cannot open the outbox " + file + ": " + e.getMessage(), e);
    }
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

  @Override
  public void close() {
    readers.close();
  }
}
