package avs.execution.pipeline;

import avs.execution.submit.Acknowledgement;

/** A task that went the whole way: executed, proven, signed and acknowledged by the node. */
public record PerformedTask(
    String taskId,
    int taskDefinitionId,
    String proofOfTask,
    String data,
    String signature,
    String summary,
    Acknowledgement acknowledgement) {}
