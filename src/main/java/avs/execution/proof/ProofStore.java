package avs.execution.proof;

/** Where proof documents live so attesters can fetch them by CID. */
public interface ProofStore extends ProofReader {
  /** Stores the bytes and returns the proof, whose CID is checked against the locally computed one. */
  Proof put(byte[] content);
}
