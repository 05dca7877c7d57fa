package avs.execution.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/** The outbox contract on the embedded SQLite file (in a directory that does not exist yet). */
class SqliteOutboxTest extends OutboxContract {
  @Override
  Outbox open(boolean fresh) {
    return Outbox.embedded(dir.resolve("nested/outbox.db"), clock);
  }

  @Test
  void anOutboxOfTheFirstSchemaIsUpgradedInPlace() throws Exception {
    SQLiteDataSource version1 = new SQLiteDataSource();
    version1.setUrl("jdbc:sqlite:" + dir.resolve("old.db"));
    upgradesAnOutboxOfTheFirstSchemaInPlace(version1, () -> Outbox.embedded(dir.resolve("old.db"), clock));
  }

  @Test
  void theFileShrinksAgainOncePrunedTasksArePagesReclaimed() throws Exception {
    Path file = dir.resolve("nested/outbox.db");
    String bulky = "x".repeat(4_000);
    for (int i = 0; i < 600; i++) {
      outbox.admit(received("t" + i, null), clock.instant());
      outbox.signed("t" + i, "Qm", bulky, "[]");
      outbox.acknowledged("t" + i, 1).join();
    }
    long full = pages(file);
    millis.addAndGet(1000);
    int pruned = 0;
    for (int batch = 0; batch < 10 && pruned < 600; batch++) {
      pruned += outbox.prune(TaskState.ACKNOWLEDGED, clock.instant(), 100);
    }
    assertThat(pruned).isEqualTo(600);
    int reclaimed = 0;
    for (int step = 0; step < 100; step++) {
      int pages = outbox.reclaimSpace(64);
      if (pages == 0) {
        break;
      }
      reclaimed += pages;
    }
    assertThat(reclaimed).isGreaterThan(500);
    assertThat(pages(file)).as("the file's pages (it is cut to them at the next checkpoint)").isLessThan(full / 4);
  }

  @Test
  void aSmallFileMadeBeforeRetentionIsConvertedToReclaimItsPages() throws Exception {
    Path old = dir.resolve("before.db");
    SQLiteDataSource plain = new SQLiteDataSource();
    plain.setUrl("jdbc:sqlite:" + old);
    org.flywaydb.core.Flyway.configure().dataSource(plain).locations("classpath:db/migration").target("3").load().migrate();
    try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement()) {
      assertThat(autoVacuum(statement)).isZero();
    }
    Outbox.embedded(old, clock).close();
    try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement()) {
      assertThat(autoVacuum(statement)).as("2: incremental").isEqualTo(2);
    }
  }

  private static int autoVacuum(Statement statement) throws Exception {
    try (ResultSet rows = statement.executeQuery("PRAGMA auto_vacuum")) {
      return rows.getInt(1);
    }
  }

  /** How many pages the database has, as of its last commit (in the WAL or the file). */
  private static long pages(Path file) throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + file);
    try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA page_count")) {
      return rows.getLong(1);
    }
  }
}
