package avs.execution.proof;

import java.util.Optional;

/** Where proof documents live so attesters can fetch them by CID. */
public interface ProofStore {
  /** Stores the bytes and returns the proof, whose CID is checked against the locally computed one. */
  Proof put(byte[] content);

  /** The bytes stored under this CID, verified to hash to it; empty if the store does not have them. */
  Optional<byte[]> get(Cid cid);

  /** A short name for logs and proofs: "embedded", "pinata". */
  String name();
}
