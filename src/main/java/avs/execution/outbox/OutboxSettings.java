package avs.execution.outbox;

import avs.execution.logging.Secret;
import java.nio.file.Path;
import java.util.Optional;

/** Where the outbox lives: the embedded SQLite file (OUTBOX_PATH), or a PostgreSQL database (DATABASE_URL) when set. */
public record OutboxSettings(Path file, Optional<Secret> databaseUrl) {}
