package avs.execution.outbox;

/** The outbox contract on the embedded file with OUTBOX_SYNC=normal: the same behaviour, only the flushes differ. */
class SqliteNormalSyncOutboxTest extends OutboxContract {
  @Override
  Outbox open(boolean fresh) {
    return Outbox.embedded(dir.resolve("outbox.db"), OutboxSettings.Sync.NORMAL, clock);
  }
}
