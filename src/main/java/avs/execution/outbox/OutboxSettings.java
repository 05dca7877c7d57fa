package avs.execution.outbox;

import avs.execution.logging.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the outbox lives: the embedded SQLite file (OUTBOX_PATH), or a PostgreSQL database (DATABASE_URL) when set;
 * and how the embedded file commits (OUTBOX_SYNC).
 */
public record OutboxSettings(Path file, Optional<Secret> databaseUrl, Sync sync) {
  public OutboxSettings(Path file, Optional<Secret> databaseUrl) {
    this(file, databaseUrl, Sync.FULL);
  }

  /** When a commit of the embedded outbox is durable. */
  public enum Sync {
    /** On disk when the commit returns (SQLite synchronous=FULL): survives a power cut. The default. */
    FULL,
    /**
     * In the operating system's cache when the commit returns, on disk at the next WAL checkpoint (SQLite
     * synchronous=NORMAL): survives a crash of the process, not of the machine or its power. The file stays
     * consistent either way; what a power cut can lose is the last commits.
     */
    NORMAL
  }
}
