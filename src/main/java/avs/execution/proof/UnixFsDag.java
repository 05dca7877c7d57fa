package avs.execution.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the CID that {@code ipfs add} gives a file with Kubo's defaults, streaming, for any size: fixed
 * 262,144-byte chunks, a balanced DAG of at most 174 links per node, dag-pb UnixFS leaves for v0 and raw leaves
 * for v1. Feed chunks with {@link #write}, then call {@link #finish()} once.
 */
public final class UnixFsDag {
  static final int CHUNK_SIZE = 262_144;
  static final int MAX_LINKS = 174;
  private static final int UNIXFS_FILE = 2;
  private static final int CODEC_DAG_PB = 0x70;
  private static final int CODEC_RAW = 0x55;

  private record Link(byte[] cid, long treeSize, long fileSize) {}

  private final CidVersion version;
  private final List<List<Link>> levels = new ArrayList<>();
  private byte[] chunk; // allocated on the first streamed write: in-memory content is hashed in place
  private int filled;
  private boolean finished;

  public UnixFsDag(CidVersion version) {
    this.version = version;
  }

  /** The CID of content held in memory, hashed in place without copying it into chunks. */
  public static String cidOf(byte[] content, CidVersion version) {
    UnixFsDag dag = new UnixFsDag(version);
    for (int offset = 0; offset < content.length; offset += CHUNK_SIZE) {
      dag.addLeaf(content, offset, Math.min(CHUNK_SIZE, content.length - offset));
    }
    return dag.finish();
  }

  /** The CID of a stream of any length, read to its end in chunks; memory stays O(chunk + tree depth × 174). */
  public static String cidOf(InputStream in, CidVersion version) throws IOException {
    UnixFsDag dag = new UnixFsDag(version);
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      dag.write(buffer, 0, n);
    }
    return dag.finish();
  }

  public void write(byte[] bytes, int offset, int length) {
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
    if (chunk == null) {
      chunk = new byte[CHUNK_SIZE];
    }
    while (length > 0) {
      int n = Math.min(length, CHUNK_SIZE - filled);
      System.arraycopy(bytes, offset, chunk, filled, n);
      filled += n;
      offset += n;
      length -= n;
      if (filled == CHUNK_SIZE) {
        addLeaf(chunk, 0, filled);
        filled = 0;
      }
    }
  }

  /** Closes the DAG and returns the root CID as text. */
  public String finish() {
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
    finished = true;
    if (filled > 0 || levels.isEmpty()) {
      addLeaf(chunk == null ? new byte[0] : chunk, 0, filled); // the last, short chunk; or an empty file's one leaf
      filled = 0;
    }
    for (int level = 0; ; level++) {
      List<Link> pending = levels.get(level);
      if (level == levels.size() - 1 && pending.size() == 1) {
        return cidText(pending.get(0).cid());
      }
      Link parent = parentOf(pending);
      pending.clear();
      push(level + 1, parent);
    }
  }

  private void addLeaf(byte[] bytes, int offset, int length) {
    Link leaf;
    if (version == CidVersion.V1) {
      leaf = new Link(cid(CODEC_RAW, bytes, offset, length), length, length);
    } else {
      Protobuf unixfs = new Protobuf().varintField(1, UNIXFS_FILE);
      if (length > 0) {
        unixfs.bytesField(2, bytes, offset, length);
      }
      byte[] block = new Protobuf().bytesField(1, unixfs.varintField(3, length).toByteArray()).toByteArray();
      leaf = new Link(cid(CODEC_DAG_PB, block, 0, block.length), block.length, length);
    }
    push(0, leaf);
  }

  /** Appends a link at a level; a full level first becomes one parent link a level up (the balanced layout). */
  private void push(int level, Link link) {
    if (levels.size() == level) {
      levels.add(new ArrayList<>(MAX_LINKS));
    }
    List<Link> pending = levels.get(level);
    if (pending.size() == MAX_LINKS) {
      Link parent = parentOf(pending);
      pending.clear();
      push(level + 1, parent);
    }
    pending.add(link);
  }

  private Link parentOf(List<Link> children) {
    Protobuf unixfs = new Protobuf().varintField(1, UNIXFS_FILE);
    long fileSize = 0;
    long childTrees = 0;
    for (Link child : children) {
      fileSize += child.fileSize();
      childTrees += child.treeSize();
    }
    unixfs.varintField(3, fileSize);
    for (Link child : children) {
      unixfs.varintField(4, child.fileSize());
    }
    Protobuf node = new Protobuf();
    for (Link child : children) { // dag-pb writes Links (field 2) before Data (field 1)
      byte[] link = new Protobuf().bytesField(1, child.cid()).bytesField(2, new byte[0]).varintField(3, child.treeSize()).toByteArray();
      node.bytesField(2, link);
    }
    byte[] block = node.bytesField(1, unixfs.toByteArray()).toByteArray();
    return new Link(cid(CODEC_DAG_PB, block, 0, block.length), block.length + childTrees, fileSize);
  }

  /** Binary CID: the bare sha2-256 multihash for v0, version + codec + multihash for v1. */
  private byte[] cid(int codec, byte[] block, int offset, int length) {
    byte[] multihash = new byte[34];
    multihash[0] = 0x12;
    multihash[1] = 0x20;
    System.arraycopy(sha256(block, offset, length), 0, multihash, 2, 32);
    if (version == CidVersion.V0) {
      return multihash;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(40);
    out.write(1);
    out.writeBytes(Protobuf.varintBytes(codec));
    out.writeBytes(multihash);
    return out.toByteArray();
  }

  private String cidText(byte[] cid) {
    return version == CidVersion.V0 ? Multibase.base58btc(cid) : Multibase.base32Multibase(cid);
  }

  private static byte[] sha256(byte[] bytes, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, offset, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
