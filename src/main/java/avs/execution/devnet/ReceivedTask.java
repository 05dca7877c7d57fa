package avs.execution.devnet;

/** What the node stand-in made of one sendTask call: accepted, or refused with the reason it gave. */
public record ReceivedTask(
    String proofOfTask, String dataHex, int taskDefinitionId, String performer, String signature, boolean accepted, String verdict) {}
