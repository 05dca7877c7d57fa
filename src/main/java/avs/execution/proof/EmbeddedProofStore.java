package avs.execution.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Content-addressed files in a data directory, one file per CID, written atomically (temp file, then rename) so a
 * reader never sees half a proof. Served read-only at {@code GET /ipfs/{cid}}.
 */
public final class EmbeddedProofStore implements ProofStore {
  private final Path directory;
  private final CidVersion version;

  public EmbeddedProofStore(Path directory, CidVersion version) {
    this.directory = directory;
    this.version = version;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the proof directory " + directory + " (in DATA_DIR): " + e.getClass().getSimpleName()
          + " " + e.getMessage() + "; check the path and its permissions, or set DATA_DIR", e);
    }
  }

  @Override
  public Proof put(byte[] content) {
    String cid = UnixFsDag.cidOf(content, version);
    Path target = directory.resolve(cid);
    if (!Files.exists(target)) {
      write(target, content);
    }
    return new Proof(cid, content.length, name());
  }

  @Override
  public Optional<byte[]> get(Cid cid) {
    try {
      byte[] content = Files.readAllBytes(directory.resolve(cid.text()));
      if (!cid.matches(content)) {
        throw new IllegalStateException("stored proof " + cid + " does not hash to its CID: the data directory is corrupt");
      }
      return Optional.of(content);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read proof " + cid + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "embedded";
  }

  /** Writes a temp file named for this CID and thread (no two writers share one), then renames it into place. */
  private void write(Path target, byte[] content) {
    Path temp = directory.resolve("." + target.getFileName() + "." + Thread.currentThread().threadId() + ".tmp");
    try {
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write error below is the one worth reporting
      }
      throw new UncheckedIOException("cannot store proof in " + directory + ": " + e.getMessage(), e);
    }
  }
}
