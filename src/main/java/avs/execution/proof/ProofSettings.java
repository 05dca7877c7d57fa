package avs.execution.proof;

/** Which store proofs go to, the CID version they get, and Pinata's settings (used when the store is Pinata). */
public record ProofSettings(Kind store, int cidVersion, PinataSettings pinata) {
  public enum Kind { EMBEDDED, PINATA }
}
