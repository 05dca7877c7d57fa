package avs.execution.task.pipeline;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Pipeline sources, per task and step: requests by outcome (ok, http_429, http_451, http_4xx, http_5xx, timeout,
 * unreachable, refused, too_large), their duration, and values an aggregate dropped as outliers.
 */
final class PipelineMetrics {
  private static final Map<PrometheusRegistry, PipelineMetrics> BY_REGISTRY = new WeakHashMap<>();
  private final Counter requests;
  private final Histogram seconds;
  private final Counter dropped;

  private PipelineMetrics(PrometheusRegistry registry) {
    requests = Counter.builder().name("avs_pipeline_source_requests_total")
        .help("Pipeline source requests by task, step and outcome (ok, http_429, http_451, http_4xx, http_5xx, timeout, unreachable, refused, too_large)")
        .labelNames("task", "step", "outcome").register(registry);
    seconds = Histogram.builder().name("avs_pipeline_source_seconds").help("Pipeline source requests' duration by task and step")
        .labelNames("task", "step").classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
    dropped = Counter.builder().name("avs_pipeline_values_dropped_total")
        .help("Values an aggregate step left out, by task, step and reason (outlier, failed, not_a_number)")
        .labelNames("task", "step", "reason").register(registry);
  }

  static PipelineMetrics of(PrometheusRegistry registry) {
    synchronized (BY_REGISTRY) {
      return BY_REGISTRY.computeIfAbsent(registry, PipelineMetrics::new);
    }
  }

  void requested(String task, String step, String outcome, long startNanos) {
    requests.labelValues(task, step, outcome).inc();
    seconds.labelValues(task, step).observe((System.nanoTime() - startNanos) / 1e9);
  }

  void dropped(String task, String step, String reason) {
    dropped.labelValues(task, step, reason).inc();
  }
}
