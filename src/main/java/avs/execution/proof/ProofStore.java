package avs.execution.proof;

/** Where proof documents live so attesters can fetch them by CID. */
public interface ProofStore extends ProofReader {
  /** Stores the bytes and returns the proof, whose CID is checked against the locally computed one. */
  Proof put(byte[] content);

  /**
   * Why this store cannot write right now (the embedded store's disk is full, say), while that lasts; empty when it
   * can. A remote store's outages are the pinning call's own failures, so they say nothing here.
   */
  default java.util.Optional<String> writeProblem() {
    return java.util.Optional.empty();
  }
}
