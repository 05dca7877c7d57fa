package avs.execution.config;

import avs.execution.logging.LogText;
import avs.execution.logging.Secret;
import avs.execution.outbox.OutboxSettings;
import avs.execution.outbox.PostgresUrl;
import avs.execution.retention.RetentionSettings;
import avs.execution.task.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of what the service keeps on disk, read through the loader's variables (problems are added to its
 * list): where the outbox is (OUTBOX_PATH, DATABASE_URL), how it commits (OUTBOX_SYNC), and how long finished tasks
 * and proofs are kept (RETENTION_ACKNOWLEDGED, RETENTION_FAILED, RETENTION_DEAD, PROOF_RETENTION).
 */
final class StorageVariables {
  private final VariableReader variables;

  StorageVariables(VariableReader variables) {
    this.variables = variables;
  }

  OutboxSettings outbox(Path dataDir) {
    return new OutboxSettings(Path.of(variables.text("OUTBOX_PATH", dataDir.resolve("outbox.db").toString())), databaseUrl(), outboxSync());
  }

  /** RETENTION_ACKNOWLEDGED, RETENTION_FAILED, RETENTION_DEAD and PROOF_RETENTION: {@code 7d}, {@code 12h}, {@code 0} (forever). */
  RetentionSettings retention(Duration proofMaxAge) {
    Duration acknowledged = retention("RETENTION_ACKNOWLEDGED", RetentionSettings.DEFAULT_ACKNOWLEDGED);
    return new RetentionSettings(acknowledged, retention("RETENTION_FAILED", RetentionSettings.DEFAULT_FAILED_OR_DEAD),
        retention("RETENTION_DEAD", RetentionSettings.DEFAULT_FAILED_OR_DEAD),
        retention("PROOF_RETENTION", RetentionSettings.defaultProofRetention(acknowledged, proofMaxAge)));
  }

  /** DATABASE_URL for a PostgreSQL outbox, checked here so that start-up names the problem (never the password). */
  private Optional<Secret> databaseUrl() {
    Optional<String> url = variables.optional("DATABASE_URL");
    try {
      url.ifPresent(PostgresUrl::parse);
    } catch (IllegalArgumentException e) {
      variables.problems.add(e.getMessage());
      return Optional.empty();
    }
    return url.map(Secret::new);
  }

  private OutboxSettings.Sync outboxSync() {
    String name = variables.text("OUTBOX_SYNC", "full");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "full" -> OutboxSettings.Sync.FULL;
      case "normal" -> OutboxSettings.Sync.NORMAL;
      default -> {
        variables.problems.add("OUTBOX_SYNC must be full (every commit on disk, the default) or normal (survives a process crash, not a power cut); "
            + "got \"" + LogText.escape(name) + "\"");
        yield OutboxSettings.Sync.FULL;
      }
    };
  }

  private Duration retention(String name, Duration fallback) {
    Optional<String> raw = variables.optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    if (raw.get().equals("0")) {
      return Duration.ZERO;
    }
    Optional<Duration> kept = DurationText.parse(raw.get())
        .filter(d -> d.isZero() || (d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(Duration.ofDays(36_500)) <= 0));
    if (kept.isEmpty()) {
      variables.problems.add(name + " must be a time with its unit, from 1m up, such as 7d, 12h or 90m, or 0 to keep them forever (got \""
          + LogText.of(raw.get()) + "\")");
      return fallback;
    }
    return kept.get();
  }
}
