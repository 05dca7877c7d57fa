package avs.execution.trigger;

import java.util.Optional;

/** Where triggers keep their cursors: the outbox's database, so a restart or another replica continues from there. */
public interface TriggerCursors {
  Optional<String> cursor(String trigger);

  void saveCursor(String trigger, String position);
}
