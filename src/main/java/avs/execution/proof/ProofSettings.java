package avs.execution.proof;

import java.util.Optional;

/**
 * Which store proofs go to, the CID version they get, Pinata's settings (used when the store is Pinata) and the
 * operator's own IPFS node (present when the store is Kubo).
 */
public record ProofSettings(Kind store, int cidVersion, PinataSettings pinata, Optional<KuboSettings> kubo) {
  public enum Kind { EMBEDDED, PINATA, KUBO }
}
