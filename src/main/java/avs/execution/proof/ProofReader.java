package avs.execution.proof;

import java.util.Optional;

/** Where proof documents are read back by CID: a store of our own, or an IPFS gateway. */
public interface ProofReader {
  /**
   * The bytes stored under this CID, verified to hash to it; empty if the source does not have them. Bytes that do
   * not match the CID, or a source that cannot be reached, are errors, never content.
   */
  Optional<byte[]> get(Cid cid);

  /** A short name for logs and messages: "embedded", "pinata", "gateway https://…". */
  String name();
}
