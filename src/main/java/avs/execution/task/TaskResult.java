package avs.execution.task;

/**
 * What a task produced: the proof document attesters will fetch by CID, the {@code data} bytes that go on chain
 * (keep them small), and a one-line summary for logs.
 */
public record TaskResult(byte[] proofDocument, byte[] data, String summary) {
  public TaskResult {
    if (proofDocument == null || proofDocument.length == 0) {
      throw new IllegalArgumentException("a task result always has a proof document");
    }
  }
}
