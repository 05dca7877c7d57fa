package avs.execution.outbox;

/** The outbox contract on the embedded SQLite file (in a directory that does not exist yet). */
class SqliteOutboxTest extends OutboxContract {
  @Override
  Outbox open(boolean fresh) {
    return Outbox.embedded(dir.resolve("nested/outbox.db"), clock);
  }
}
