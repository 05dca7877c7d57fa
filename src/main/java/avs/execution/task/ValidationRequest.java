package avs.execution.task;

/** What an attester asks: is this proof document, for this task, right? The document was fetched by its CID. */
public record ValidationRequest(String proofOfTask, byte[] proofDocument, byte[] data, int taskDefinitionId, String performer) {}
