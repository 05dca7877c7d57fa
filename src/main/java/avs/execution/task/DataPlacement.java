package avs.execution.task;

/**
 * Where a task's {@code data} goes (the seed's gas note: keep on-chain data small). INLINE: as it is. IPFS: the
 * bytes go to the proof store and {@code data} carries {@code ipfs://<CID>}. AUTO: IPFS when longer than
 * {@code inlineMaxBytes}. Attesters resolve a reference and check its hash before a task judges it.
 */
public record DataPlacement(Mode mode, int inlineMaxBytes) {
  public enum Mode { INLINE, IPFS, AUTO }

  public static final int DEFAULT_INLINE_MAX_BYTES = 1024;
  public static final DataPlacement INLINE = new DataPlacement(Mode.INLINE, DEFAULT_INLINE_MAX_BYTES);
  public static final String REFERENCE_PREFIX = "ipfs://";

  /** Whether data of this length is stored by reference. */
  public boolean byReference(int length) {
    return mode == Mode.IPFS || (mode == Mode.AUTO && length > inlineMaxBytes);
  }
}
