package avs.execution.proof;

/**
 * The two ways {@code ipfs add} names content with Kubo's defaults: v0 (base58 {@code Qm…}, dag-pb leaves) and v1
 * ({@code --cid-version=1}: raw leaves, base32 {@code baf…}).
 */
public enum CidVersion {
  V0,
  V1;

  public static CidVersion of(int number) {
    return switch (number) {
      case 0 -> V0;
      case 1 -> V1;
      default -> throw new IllegalArgumentException("CID version must be 0 or 1 (got " + number + ")");
    };
  }
}
