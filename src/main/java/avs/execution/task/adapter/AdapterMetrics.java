package avs.execution.task.adapter;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.WeakHashMap;

/** How long adapter calls take, per task (its configured name), operation (execute, validate) and outcome (ok, error). */
final class AdapterMetrics {
  /** One histogram per registry, however many factories make adapter tasks for it (a registry refuses a name twice). */
  private static final Map<PrometheusRegistry, AdapterMetrics> BY_REGISTRY = new WeakHashMap<>();
  private final Histogram seconds;

  private AdapterMetrics(PrometheusRegistry registry) {
    seconds = Histogram.builder().name("avs_adapter_call_seconds")
        .help("Adapter calls by task (configured name), op (execute, validate) and outcome (ok, error)")
        .labelNames("task", "op", "outcome").classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
        .register(registry);
  }

  static AdapterMetrics of(PrometheusRegistry registry) {
    synchronized (BY_REGISTRY) {
      return BY_REGISTRY.computeIfAbsent(registry, AdapterMetrics::new);
    }
  }

  void called(String task, String op, boolean ok, long startNanos) {
    seconds.labelValues(task, op, ok ? "ok" : "error").observe((System.nanoTime() - startNanos) / 1e9);
  }
}
