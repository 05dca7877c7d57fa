package avs.execution.proof;

import avs.execution.error.UpstreamFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed files in a data directory, one file per CID, written atomically (temp file, then rename) so a
 * reader never sees half a proof. Served read-only at {@code GET /ipfs/{cid}}.
 *
 * <p>Layout: {@code proofs/<two characters>/<cid>}, the two characters before the CID's last (as IPFS's flatfs
 * does), so no directory holds more than a 1/1024th (base32) or 1/3364th (base58) of the proofs. Files of the older
 * flat layout ({@code proofs/<cid>}) found at start are still read, and pruned like the others.
 *
 * <p>A file's modification time is when it was last stored: storing the same proof again touches it, so retention
 * ({@link #prune}) never deletes a proof that a task has just used, and a lock per group of shards keeps a prune and
 * a store of the same CID from crossing.
 */
public final class EmbeddedProofStore implements ProofStore {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProofStore.class);
  private static final int LOCKS = 64;
  private static final Duration ABANDONED_TEMP = Duration.ofHours(1);
  private final Path directory;
  private final CidVersion version;
  private final Clock clock;
  private final Object[] locks = new Object[LOCKS];
  private volatile String writeProblem;
  /** Whether files of the older flat layout may be present: looked for at start, cleared by a prune that found none. */
  private volatile boolean flatFiles;
  /** The shard directories made (or found) so far: making one that exists costs two exceptions, so it is done once. */
  private final Set<Path> shards = ConcurrentHashMap.newKeySet();

  public EmbeddedProofStore(Path directory, CidVersion version) {
    this(directory, version, Clock.systemUTC());
  }

  public EmbeddedProofStore(Path directory, CidVersion version, Clock clock) {
    this.directory = directory;
    this.version = version;
    this.clock = clock;
    for (int i = 0; i < LOCKS; i++) {
      locks[i] = new Object();
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the proof directory " + directory + " (in DATA_DIR): " + e.getClass().getSimpleName()
          + " " + e.getMessage() + "; check the path and its permissions, or set DATA_DIR", e);
    }
    flatFiles = holdsFlatFiles(directory);
  }

  /** Whether the directory holds a proof of the older flat layout; stops at the first one. */
  private static boolean holdsFlatFiles(Path directory) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, entry -> !Files.isDirectory(entry))) {
      return entries.iterator().hasNext();
    } catch (IOException e) {
      return true; // look them up, then
    }
  }

  @Override
  public Proof put(byte[] content) {
    String cid = UnixFsDag.cidOf(content, version);
    Path target = pathOf(cid);
    synchronized (lockOf(cid)) {
      Optional<Path> stored = existing(cid);
      if (stored.isPresent()) {
        touch(stored.get());
      } else {
        write(target, content);
      }
    }
    return new Proof(cid, content.length, name());
  }

  @Override
  public Optional<byte[]> get(Cid cid) {
    Optional<Path> stored = existing(cid.text());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] content = Files.readAllBytes(stored.get());
      if (!cid.matches(content)) {
        throw new IllegalStateException("stored proof " + cid + " does not hash to its CID: the data directory is corrupt");
      }
      return Optional.of(content);
    } catch (NoSuchFileException e) {
      return Optional.empty(); // pruned meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read proof " + cid + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "embedded";
  }

  /** Why the last write failed, while no write has succeeded since (a full disk, a read-only file system). */
  @Override
  public Optional<String> writeProblem() {
    return Optional.ofNullable(writeProblem);
  }

  /** What one pass of {@link #prune} did and found. */
  public record Pruning(long deleted, long files, long bytes) {}

  /**
   * Deletes the proofs last stored before {@code storedBefore} (none when empty: then it only measures), except those
   * in {@code keep}, and leftovers of writes that a crash interrupted; returns how many it deleted and what is left.
   * Walks one shard directory at a time and asks {@code betweenShards} after each whether to go on: the caller paces
   * the pass (and stops it, on shutdown) so that it never hogs the disk.
   */
  public Pruning prune(Optional<Instant> storedBefore, Set<String> keep, BooleanSupplier betweenShards) {
    long[] tally = new long[3]; // deleted, files, bytes
    Instant abandoned = clock.instant().minus(ABANDONED_TEMP);
    boolean flatFound = false;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          pruneShard(entry, storedBefore, keep, abandoned, tally);
          if (!betweenShards.getAsBoolean()) {
            return new Pruning(tally[0], tally[1], tally[2]);
          }
        } else {
          flatFound |= !entry.getFileName().toString().startsWith(".");
          pruneFile(entry, storedBefore, keep, abandoned, tally); // the older flat layout
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the proof directory " + directory + ": " + e.getMessage(), e);
    }
    flatFiles = flatFound;
    return new Pruning(tally[0], tally[1], tally[2]);
  }

  /** {@link #prune(Optional, Set, BooleanSupplier)} without pauses. */
  public Pruning prune(Optional<Instant> storedBefore, Set<String> keep) {
    return prune(storedBefore, keep, () -> true);
  }

  private void pruneShard(Path shard, Optional<Instant> storedBefore, Set<String> keep, Instant abandoned, long[] tally) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
      for (Path file : files) {
        pruneFile(file, storedBefore, keep, abandoned, tally);
      }
    }
  }

  private void pruneFile(Path file, Optional<Instant> storedBefore, Set<String> keep, Instant abandoned, long[] tally) {
    String name = file.getFileName().toString();
    boolean temporary = name.startsWith(".");
    synchronized (temporary ? this : lockOf(name)) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Instant stored = attributes.lastModifiedTime().toInstant();
        boolean expired = temporary ? stored.isBefore(abandoned) : storedBefore.isPresent() && stored.isBefore(storedBefore.get()) && !keep.contains(name);
        if (expired) {
          Files.deleteIfExists(file);
          tally[0] += temporary ? 0 : 1;
        } else if (!temporary) {
          tally[1]++;
          tally[2] += attributes.size();
        }
      } catch (NoSuchFileException e) {
        // gone already
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prune proof " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Where a CID is stored in the current layout. */
  Path pathOf(String cid) {
    return directory.resolve(shardOf(cid)).resolve(cid);
  }

  private static String shardOf(String cid) {
    return cid.length() < 4 ? "_" : cid.substring(cid.length() - 3, cid.length() - 1);
  }

  private Object lockOf(String cid) {
    return locks[Math.floorMod(shardOf(cid).hashCode(), LOCKS)];
  }

  private Optional<Path> existing(String cid) {
    Path current = pathOf(cid);
    if (Files.exists(current)) {
      return Optional.of(current);
    }
    if (!flatFiles) {
      return Optional.empty();
    }
    Path flat = directory.resolve(cid);
    return Files.exists(flat) ? Optional.of(flat) : Optional.empty();
  }

  private void touch(Path stored) {
    try {
      Files.setLastModifiedTime(stored, FileTime.from(clock.instant()));
    } catch (IOException e) {
      // a read-only store cannot prune either, so the proof stays
    }
  }

  /**
   * Writes a temp file named for this CID and thread (no two writers share one), then renames it into place. A store
   * that cannot write (a full disk, a read-only file system) is a retryable failure: the task waits in the outbox and
   * is tried again, as when a pinning service is down.
   */
  private void write(Path target, byte[] content) {
    Path temp = target.resolveSibling("." + target.getFileName() + "." + Thread.currentThread().threadId() + ".tmp");
    try {
      Path shard = target.getParent();
      if (!shards.contains(shard)) {
        Files.createDirectories(shard);
        shards.add(shard);
      }
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
      if (writeProblem != null) {
        writeProblem = null;
        LOG.info("embedded proof store: writes succeed again");
      }
    } catch (IOException e) {
      shards.remove(target.getParent()); // removed behind our back, perhaps: made again next time
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write error below is the one worth reporting
      }
      String problem = "cannot store proofs in " + directory + ": " + describe(e);
      if (writeProblem == null) {
        LOG.warn("embedded proof store: {}", problem); // once, when writes start failing
      }
      writeProblem = problem;
      throw new UpstreamFailure("the embedded proof store", UpstreamFailure.Kind.UNAVAILABLE, true, problem, e);
    }
  }

  private static String describe(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No space left") ? "the disk is full (" + message + ")"
        : message.contains("Read-only file system") ? "the file system is read-only (" + message + ")" : e.getClass().getSimpleName() + " " + message;
  }
}
