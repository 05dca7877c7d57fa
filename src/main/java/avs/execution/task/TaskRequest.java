package avs.execution.task;

import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * A trigger: which task definition to run, the optional L2 chain to submit on, the id this service gave the task
 * (written into its proof so every proof is unique and traceable), and the trigger's input (null when none).
 */
public record TaskRequest(String taskId, int taskDefinitionId, OptionalLong targetChainId, JsonNode input) {
  public TaskRequest {
    if (taskDefinitionId < 0 || taskDefinitionId > 65535) {
      throw new IllegalArgumentException("taskDefinitionId must be 0..65535, got " + taskDefinitionId);
    }
  }
}
