package avs.execution.outbox;

import java.util.Locale;

/**
 * Where a task is. RECEIVED and PENDING are unfinished and will be worked on (after a restart too); the other three
 * are final until an operator re-queues a DEAD task.
 */
public enum TaskState {
  /** Accepted, not signed yet: execution, proof or signing is under way or will be resumed. */
  RECEIVED,
  /** Signed; its sendTask params are stored and every attempt sends exactly those bytes. */
  PENDING,
  /** The Othentic node acknowledged the task. */
  ACKNOWLEDGED,
  /** Never signed: execution or the proof failed. Nothing was sent. */
  FAILED,
  /** Signed but not delivered: refused by the node, out of attempts, or past its deadline. Can be re-queued. */
  DEAD;

  public boolean unfinished() {
    return this == RECEIVED || this == PENDING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name (any case); IllegalArgumentException naming the accepted values otherwise. */
  public static TaskState parse(String text) {
    for (TaskState state : values()) {
      if (state.name().equalsIgnoreCase(text.strip())) {
        return state;
      }
    }
    throw new IllegalArgumentException("must be one of received, pending, acknowledged, failed, dead (got \"" + text + "\")");
  }
}
