package avs.execution.proof;

/** Content stored for attesters, with the CID that names it (the {@code proofOfTask}) and where it lives. */
public record Proof(String cid, int size, String store) {
  public Proof {
    if (cid == null || cid.isEmpty()) {
      throw new IllegalArgumentException("a proof always has a CID");
    }
  }
}
