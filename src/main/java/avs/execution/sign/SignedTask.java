package avs.execution.sign;

/** A task message with its performer's signature, in the exact text sendTask carries as param 4. */
public record SignedTask(TaskMessage message, String signature, SignatureType type) {}
