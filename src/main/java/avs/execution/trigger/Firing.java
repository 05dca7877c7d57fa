package avs.execution.trigger;

import tools.jackson.databind.JsonNode;

/**
 * How a trigger hands a firing to the intake: the task definition, its input, and the deterministic key that makes a
 * second firing of the same slot, block or log (after a restart, by a second replica, from a replayed log) the same
 * task instead of a new one.
 */
@FunctionalInterface
public interface Firing {
  enum Result { CREATED, DUPLICATE }

  /**
   * Admits the task, or finds the one that already holds the key.
   *
   * @throws RuntimeException when the intake refuses it now (busy, shutting down, storage down): try again later
   */
  Result fire(int taskDefinitionId, JsonNode input, String key);
}
