package avs.execution.trigger;

import tools.jackson.databind.node.ObjectNode;

/** A running source of tasks other than HTTP: a schedule, or a chain's blocks or events. */
public interface Trigger extends AutoCloseable {
  /** Its name, also its cursor's: "interval:7". */
  String id();

  /** What {@code GET /triggers} shows: kind, task, next and last firing, cursor, lag, the last error. */
  ObjectNode describe();

  /** Stops it; a firing under way finishes or is found again by its key after a restart. */
  @Override
  void close();
}
