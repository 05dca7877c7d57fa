package avs.execution.retention;

import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskState;
import avs.execution.proof.EmbeddedProofStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What retention and storage show at {@code /metrics}: tasks kept per state, the outbox's and the proof store's size,
 * what was pruned, the retention in force, and whether each store can write. The gauges read counts that cost the
 * same at any number of tasks.
 */
public final class RetentionMetrics {
  private final Counter prunedTasks;
  private final Counter prunedProofs;
  private final AtomicReference<EmbeddedProofStore.Pruning> lastProofPass = new AtomicReference<>();

  public RetentionMetrics(PrometheusRegistry registry, Outbox outbox, Optional<EmbeddedProofStore> proofs, RetentionSettings retention) {
    prunedTasks = Counter.builder().name("avs_pruned_tasks_total").help("Finished tasks deleted by retention, by state").labelNames("state")
        .register(registry);
    prunedProofs = Counter.builder().name("avs_pruned_proofs_total").help("Embedded-store proofs deleted by PROOF_RETENTION").register(registry);
    GaugeWithCallback.builder().name("avs_outbox_tasks").help("Tasks in the outbox, by state").labelNames("state")
        .callback(callback -> outbox.counts().forEach((state, count) -> callback.call(count, state.wireName()))).register(registry);
    GaugeWithCallback.builder().name("avs_outbox_size_bytes").help("Disk taken by the outbox (the SQLite file and its WAL, or the PostgreSQL database)")
        .callback(callback -> outbox.sizeBytes().ifPresent(bytes -> callback.call(bytes))).register(registry);
    GaugeWithCallback.builder().name("avs_retention_seconds").help("How long finished tasks (by state) and proofs are kept; 0: forever")
        .labelNames("of").callback(callback -> {
          for (TaskState state : new TaskState[] {TaskState.ACKNOWLEDGED, TaskState.FAILED, TaskState.DEAD}) {
            callback.call(retention.of(state).map(Duration::toSeconds).orElse(0L), state.wireName());
          }
          callback.call(retention.ofProofs().map(Duration::toSeconds).orElse(0L), "proofs");
        }).register(registry);
    GaugeWithCallback.builder().name("avs_storage_write_failing").help("1 while a store cannot write (a full disk, a read-only file system)")
        .labelNames("store").callback(callback -> {
          callback.call(outbox.writeProblem().isPresent() ? 1 : 0, "outbox");
          proofs.ifPresent(store -> callback.call(store.writeProblem().isPresent() ? 1 : 0, "proofs"));
        }).register(registry);
    if (proofs.isPresent()) {
      GaugeWithCallback.builder().name("avs_proof_store_size_bytes").help("Bytes of the embedded store's proofs, as of the last retention pass")
          .callback(callback -> Optional.ofNullable(lastProofPass.get()).ifPresent(pass -> callback.call(pass.bytes()))).register(registry);
      GaugeWithCallback.builder().name("avs_proof_store_files").help("Proofs in the embedded store, as of the last retention pass")
          .callback(callback -> Optional.ofNullable(lastProofPass.get()).ifPresent(pass -> callback.call(pass.files()))).register(registry);
    }
  }

  void pruned(TaskState state, long tasks) {
    if (tasks > 0) {
      prunedTasks.labelValues(state.wireName()).inc(tasks);
    }
  }

  void proofs(EmbeddedProofStore.Pruning pass) {
    lastProofPass.set(pass);
    if (pass.deleted() > 0) {
      prunedProofs.inc(pass.deleted());
    }
  }
}
