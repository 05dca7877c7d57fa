package avs.execution.outbox;

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
}
