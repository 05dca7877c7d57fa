package avs.execution.trigger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The intake and the cursor store as triggers see them, in memory: a key is admitted once (then a duplicate), in order. */
public final class RecordedFirings implements Firing, TriggerCursors {
  /** Every key admitted, in firing order, with its input. */
  public final Map<String, JsonNode> fired = new LinkedHashMap<>();
  public final Map<String, String> cursors = new HashMap<>();

  @Override
  public synchronized Result fire(int taskDefinitionId, JsonNode input, String key) {
    if (fired.containsKey(key)) {
      return Result.DUPLICATE;
    }
    fired.put(key, input);
    return Result.CREATED;
  }

  @Override
  public synchronized Optional<String> cursor(String trigger) {
    return Optional.ofNullable(cursors.get(trigger));
  }

  @Override
  public synchronized void saveCursor(String trigger, String position) {
    cursors.put(trigger, position);
  }
}
