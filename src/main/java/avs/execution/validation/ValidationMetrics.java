package avs.execution.validation;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What the validation side counts for {@code /metrics}: verdicts (approved, refused, no vote) and how long each took. */
public final class ValidationMetrics {
  private final Counter verdicts;
  private final Histogram seconds;

  private ValidationMetrics(PrometheusRegistry registry) {
    verdicts = Counter.builder().name("avs_validations_total")
        .help("Validation requests by answer: approved, refused, or no_vote (the proof or a price could not be fetched)")
        .labelNames("task", "verdict").register(registry);
    seconds = Histogram.builder().name("avs_validation_seconds").help("Time to answer a validation request, fetching included")
        .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
  }

  public static ValidationMetrics registeredWith(PrometheusRegistry registry) {
    return new ValidationMetrics(registry);
  }

  /** One answer about a proof of the named task definition (its configured name): approved, refused or no_vote. */
  void answered(String task, String verdict, long startNanos) {
    verdicts.labelValues(task, verdict).inc();
    seconds.observe((System.nanoTime() - startNanos) / 1e9);
  }
}
