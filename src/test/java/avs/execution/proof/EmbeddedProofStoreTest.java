package avs.execution.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.support.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    Files.writeString(store.pathOf(proof.cid()), "hellO");
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
    String cid = UnixFsDag.cidOf(content, CidVersion.V0);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
          .containsExactly(cid.substring(cid.length() - 3, cid.length() - 1) + "/" + cid);
    }
  }

  @Test
  void proofsAreSpreadOverDirectoriesNamedForTheCharactersBeforeTheLastOne() throws IOException {
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V1);
    for (int i = 0; i < 300; i++) {
      Proof proof = store.put(("proof " + i).getBytes(StandardCharsets.UTF_8));
      String cid = proof.cid();
      assertThat(dir.resolve(cid.substring(cid.length() - 3, cid.length() - 1)).resolve(cid)).isRegularFile();
    }
    try (Stream<Path> shards = Files.list(dir)) {
      assertThat(shards.filter(Files::isDirectory).count()).as("300 proofs over base32's 1024 directories").isGreaterThan(200);
    }
  }

  @Test
  void aProofOfTheOlderFlatLayoutIsStillReadAndStoringItAgainKeepsIt() throws IOException {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    String cid = UnixFsDag.cidOf(content, CidVersion.V0);
    Files.write(dir.resolve(cid), content);
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V0);
    assertThat(store.get(Cid.parse(cid))).hasValue(content);
    store.put(content);
    assertThat(store.pathOf(cid)).as("not written twice").doesNotExist();
  }

  @Test
  void pruningDeletesProofsStoredBeforeTheCutoffExceptThoseStillNeeded() throws IOException {
    SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
    byte[] flatContent = bytes("flat layout");
    String flat = UnixFsDag.cidOf(flatContent, CidVersion.V0);
    Files.write(dir.resolve(flat), flatContent);
    Files.setLastModifiedTime(dir.resolve(flat), java.nio.file.attribute.FileTime.from(clock.instant()));
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V0, clock);
    assertThat(store.get(Cid.parse(flat))).as("found in the older layout").hasValue(flatContent);
    String old = store.put(bytes("old")).cid();
    String needed = store.put(bytes("needed by a pending task")).cid();
    String reused = store.put(bytes("stored again since")).cid();
    Path abandoned = dir.resolve(".QmSomething.12.tmp");
    Files.write(abandoned, bytes("half"));
    Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(clock.instant()));
    clock.advance(Duration.ofDays(8));
    store.put(bytes("stored again since"));
    String fresh = store.put(bytes("fresh")).cid();
    EmbeddedProofStore.Pruning pruning = store.prune(Optional.of(clock.instant().minus(Duration.ofDays(7))), Set.of(needed));
    assertThat(pruning.deleted()).isEqualTo(2);
    assertThat(store.get(Cid.parse(old))).isEmpty();
    assertThat(store.get(Cid.parse(flat))).isEmpty();
    assertThat(store.get(Cid.parse(needed))).isPresent();
    assertThat(store.get(Cid.parse(reused))).isPresent();
    assertThat(store.get(Cid.parse(fresh))).isPresent();
    assertThat(abandoned).as("a write a crash cut short").doesNotExist();
    assertThat(pruning.files()).isEqualTo(3);
    assertThat(pruning.bytes()).isEqualTo(bytes("needed by a pending task").length + bytes("stored again since").length + bytes("fresh").length);
    assertThat(store.prune(Optional.empty(), Set.of()).deleted()).as("without a retention it only measures").isZero();
  }

  @Test
  void aPassAsksAfterEachShardWhetherToGoOnAndStopsWhenTold() {
    SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
    EmbeddedProofStore store = new EmbeddedProofStore(dir, CidVersion.V1, clock);
    for (int i = 0; i < 50; i++) {
      store.put(bytes("proof " + i));
    }
    clock.advance(Duration.ofDays(8));
    Optional<Instant> cutoff = Optional.of(clock.instant().minus(Duration.ofDays(7)));
    int[] asked = {0};
    EmbeddedProofStore.Pruning stopped = store.prune(cutoff, Set.of(), () -> ++asked[0] < 3);
    assertThat(asked[0]).isEqualTo(3);
    assertThat(stopped.deleted()).as("the proofs of three shards, no more").isBetween(3L, 49L);
    asked[0] = 0;
    EmbeddedProofStore.Pruning rest = store.prune(cutoff, Set.of(), () -> ++asked[0] > 0);
    assertThat(stopped.deleted() + rest.deleted()).isEqualTo(50);
    assertThat(asked[0]).as("once per shard directory").isGreaterThan(20);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
