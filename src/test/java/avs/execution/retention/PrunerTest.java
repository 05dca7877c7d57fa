package avs.execution.retention;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.proof.Cid;
import avs.execution.proof.CidVersion;
import avs.execution.proof.EmbeddedProofStore;
import avs.execution.support.SettableClock;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on the real embedded outbox and proof store, with a clock the test moves by days. */
class PrunerTest {
  private static final RetentionSettings DEFAULTS = new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(30),
      Duration.ofDays(7));
  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private Outbox outbox;
  private EmbeddedProofStore proofs;

  @BeforeEach
  void open() {
    outbox = Outbox.embedded(dir.resolve("outbox.db"), clock);
    proofs = new EmbeddedProofStore(dir.resolve("proofs"), CidVersion.V0, clock);
  }

  @AfterEach
  void close() {
    outbox.close();
  }

  @Test
  void eachFinishedStateIsKeptForItsOwnRetentionAndUnfinishedTasksAlways() throws IOException {
    Pruner pruner = pruner(DEFAULTS);
    finish("acknowledged", null, TaskState.ACKNOWLEDGED);
    finish("failed", null, TaskState.FAILED);
    finish("dead", null, TaskState.DEAD);
    outbox.admit(received("pending", null), Instant.EPOCH);
    outbox.signed("pending", proofs.put(bytes("pending")).cid(), "1", "[]");

    clock.advance(Duration.ofDays(6));
    assertThat(pruner.pruneTasks()).isEmpty();
    clock.advance(Duration.ofDays(2));
    assertThat(pruner.pruneTasks()).containsExactly(Map.entry(TaskState.ACKNOWLEDGED, 1L));
    assertThat(outbox.find("acknowledged")).isEmpty();
    assertThat(outbox.find("failed")).isPresent();
    clock.advance(Duration.ofDays(23));
    assertThat(pruner.pruneTasks()).containsOnly(Map.entry(TaskState.FAILED, 1L), Map.entry(TaskState.DEAD, 1L));
    assertThat(outbox.find("pending")).as("unfinished: kept whatever its age").isPresent();
    assertThat(outbox.counts()).containsEntry(TaskState.PENDING, 1L).containsEntry(TaskState.ACKNOWLEDGED, 0L).containsEntry(TaskState.DEAD, 0L);
    String metrics = scrape();
    assertThat(metrics).contains("avs_pruned_tasks_total{state=\"acknowledged\"} 1.0", "avs_pruned_tasks_total{state=\"dead\"} 1.0",
        "avs_outbox_tasks{state=\"pending\"} 1.0", "avs_retention_seconds{of=\"acknowledged\"} 604800.0", "avs_storage_write_failing{store=\"outbox\"} 0.0");
  }

  @Test
  void anIdempotencyKeyIsRememberedUntilItsTaskIsPrunedAndFreeAfter() {
    Pruner pruner = pruner(DEFAULTS);
    finish("first", "daily-report-2026-12-01", TaskState.ACKNOWLEDGED);
    clock.advance(Duration.ofDays(6));
    Outbox.Admission again = outbox.admit(received("second", "daily-report-2026-12-01"), Instant.EPOCH);
    assertThat(again.created()).as("within the retention, the key still names the first task").isFalse();
    assertThat(again.task().id()).isEqualTo("first");
    clock.advance(Duration.ofDays(2));
    pruner.pruneTasks();
    assertThat(outbox.admit(received("third", "daily-report-2026-12-01"), Instant.EPOCH).created()).isTrue();
  }

  @Test
  void aProofIsDeletedAfterItsRetentionUnlessAPendingOrDeadTaskStillNeedsIt() {
    Pruner pruner = pruner(DEFAULTS);
    String acknowledged = finish("acknowledged", null, TaskState.ACKNOWLEDGED);
    String dead = finish("dead", null, TaskState.DEAD);
    outbox.admit(received("pending", null), Instant.EPOCH);
    String pending = proofs.put(bytes("pending's proof")).cid();
    outbox.signed("pending", pending, "1", "[]");
    String unreferenced = proofs.put(bytes("a proof no task kept")).cid();
    clock.advance(Duration.ofDays(8));
    String fresh = proofs.put(bytes("fresh")).cid();
    pruner.pruneTasks();
    EmbeddedProofStore.Pruning pass = pruner.pruneProofs().orElseThrow();
    assertThat(pass.deleted()).isEqualTo(2);
    assertThat(proofs.get(Cid.parse(acknowledged))).isEmpty();
    assertThat(proofs.get(Cid.parse(unreferenced))).isEmpty();
    assertThat(proofs.get(Cid.parse(pending))).as("a pending task sends it again").isPresent();
    assertThat(proofs.get(Cid.parse(dead))).as("a dead task can be re-queued").isPresent();
    assertThat(proofs.get(Cid.parse(fresh))).isPresent();
    assertThat(scrape()).contains("avs_pruned_proofs_total 2.0", "avs_proof_store_files 3.0");
  }

  @Test
  void zeroKeepsEverythingForever() {
    Pruner pruner = pruner(RetentionSettings.FOREVER);
    String proof = finish("acknowledged", null, TaskState.ACKNOWLEDGED);
    finish("dead", null, TaskState.DEAD);
    clock.advance(Duration.ofDays(3_650));
    assertThat(pruner.pruneTasks()).isEmpty();
    assertThat(pruner.pruneProofs().orElseThrow().deleted()).isZero();
    assertThat(outbox.find("acknowledged")).isPresent();
    assertThat(proofs.get(Cid.parse(proof))).isPresent();
  }

  @Test
  void aBacklogLargerThanABatchIsDeletedInBatchesWithinOnePass() {
    Pruner pruner = pruner(DEFAULTS);
    int tasks = Pruner.BATCH * 2 + 57;
    for (int i = 0; i < tasks; i++) {
      outbox.admit(received("t" + i, null).signed("Qm" + i, "1", "[]"), Instant.EPOCH);
      outbox.acknowledged("t" + i, 1).join();
    }
    clock.advance(Duration.ofDays(8));
    assertThat(pruner.pruneTasks()).containsExactly(Map.entry(TaskState.ACKNOWLEDGED, (long) tasks));
    assertThat(outbox.counts().get(TaskState.ACKNOWLEDGED)).isZero();
  }

  private Pruner pruner(RetentionSettings retention) {
    return new Pruner(outbox, Optional.of(proofs), retention, clock, new RetentionMetrics(registry, outbox, Optional.of(proofs), retention));
  }

  /** A task finished now in the given state; its proof's CID (none for a failed task). */
  private String finish(String id, String key, TaskState state) {
    outbox.admit(received(id, key), Instant.EPOCH);
    if (state == TaskState.FAILED) {
      outbox.failed(id, "no proof");
      return null;
    }
    String cid = proofs.put(bytes("proof of " + id)).cid();
    outbox.signed(id, cid, "1", "[]");
    if (state == TaskState.DEAD) {
      outbox.dead(id, 3, "refused");
    } else {
      outbox.acknowledged(id, 1).join();
    }
    return cid;
  }

  private TaskRecord received(String id, String key) {
    return TaskRecord.received(id, Optional.ofNullable(key), 0, OptionalLong.empty(), Optional.empty(), clock.instant(),
        clock.instant().plus(Duration.ofHours(1)));
  }

  private String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
