package avs.execution.support;

import avs.execution.proof.Cid;
import avs.execution.proof.CidVersion;
import avs.execution.proof.Proof;
import avs.execution.proof.ProofStore;
import avs.execution.proof.UnixFsDag;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Proofs kept in memory under their real CIDs (computed as Kubo would), for unit tests of what stores and reads them. */
public final class MemoryProofStore implements ProofStore {
  private final Map<String, byte[]> proofs = new ConcurrentHashMap<>();

  @Override
  public Proof put(byte[] content) {
    String cid = UnixFsDag.cidOf(content, CidVersion.V0);
    proofs.put(cid, content.clone());
    return new Proof(cid, content.length, name());
  }

  @Override
  public Optional<byte[]> get(Cid cid) {
    return Optional.ofNullable(proofs.get(cid.text())).map(byte[]::clone);
  }

  @Override
  public String name() {
    return "memory store";
  }

  public int size() {
    return proofs.size();
  }
}
