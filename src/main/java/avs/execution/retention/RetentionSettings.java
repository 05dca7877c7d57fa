package avs.execution.retention;

import avs.execution.outbox.TaskState;
import avs.execution.task.DurationText;
import java.time.Duration;
import java.util.Optional;

/**
 * How long finished tasks and embedded-store proofs are kept: RETENTION_ACKNOWLEDGED (7 days), RETENTION_FAILED and
 * RETENTION_DEAD (30 days), PROOF_RETENTION (the larger of the acknowledged retention and PROOF_MAX_AGE_SECONDS).
 * {@link Duration#ZERO} keeps them forever.
 */
public record RetentionSettings(Duration acknowledged, Duration failed, Duration dead, Duration proofs) {
  public static final Duration DEFAULT_ACKNOWLEDGED = Duration.ofDays(7);
  public static final Duration DEFAULT_FAILED_OR_DEAD = Duration.ofDays(30);

  /** Everything kept forever: for tools that open the outbox without serving. */
  public static final RetentionSettings FOREVER = new RetentionSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** The proofs' default: as long as acknowledged tasks are kept (forever, if they are), and never shorter than validation accepts them. */
  public static Duration defaultProofRetention(Duration acknowledged, Duration proofMaxAge) {
    return acknowledged.isZero() ? Duration.ZERO : acknowledged.compareTo(proofMaxAge) >= 0 ? acknowledged : proofMaxAge;
  }

  /** How long tasks finished in this state are kept; empty for forever (and for unfinished states, never pruned). */
  public Optional<Duration> of(TaskState state) {
    Duration kept = switch (state) {
      case ACKNOWLEDGED -> acknowledged;
      case FAILED -> failed;
      case DEAD -> dead;
      case RECEIVED, PENDING -> Duration.ZERO;
    };
    return kept.isZero() ? Optional.empty() : Optional.of(kept);
  }

  /** How long proofs are kept; empty for forever. */
  public Optional<Duration> ofProofs() {
    return proofs.isZero() ? Optional.empty() : Optional.of(proofs);
  }

  /** "acknowledged 7d, failed 30d, dead 30d, proofs 7d" ("forever" where kept forever), for the console and `avs tasks`. */
  public String describe() {
    return "acknowledged " + text(acknowledged) + ", failed " + text(failed) + ", dead " + text(dead) + ", proofs " + text(proofs);
  }

  private static String text(Duration kept) {
    return kept.isZero() ? "forever" : DurationText.format(kept);
  }
}
