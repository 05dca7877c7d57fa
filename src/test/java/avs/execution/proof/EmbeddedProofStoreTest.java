package avs.execution.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedProofStoreTest {
  @TempDir Path dir;

  @Test
  void putThenGetGivesTheBytesBackUnderTheirCid() {
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V0);
    Proof proof = store.put("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(proof.cid()).isEqualTo("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX");
    assertThat(proof.store()).isEqualTo("embedded");
    assertThat(store.get(Cid.parse(proof.cid()))).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hello"));
  }

  @Test
  void anUnknownCidIsEmpty() {
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V1);
    assertThat(store.get(Cid.parse("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq"))).isEmpty();
  }

  @Test
  void aTamperedFileIsRefusedNotServed() throws IOException {
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V0);
    Proof proof = store.put("hello".getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve(proof.cid()), "hellO");
    assertThatThrownBy(() -> store.get(Cid.parse(proof.cid()))).hasMessageContaining("does not hash to its CID");
  }

  @Test
  void concurrentWritersOfTheSameProofAllSucceedAndLeaveNoTempFiles() throws Exception {
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V0);
    byte[] content = "{\"symbol\":\"ETHUSDT\",\"price\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);
    List<Future<Proof>> puts = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 200; i++) {
        puts.add(pool.submit(() -> store.put(content)));
      }
    }
    for (Future<Proof> put : puts) {
      assertThat(put.get().cid()).isEqualTo(UnixFsDag.cidOf(content, CidVersion.V0));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(UnixFsDag.cidOf(content, CidVersion.V0));
    }
  }
}
