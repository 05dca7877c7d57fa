package avs.execution.trigger;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Triggers' firings: fired, skipped by reason ({@code not_leader}, {@code missed}, {@code duplicate}, {@code refused}),
 * and, for chain triggers, how many blocks behind the chain's head they are.
 */
public final class TriggerMetrics {
  private final Counter fired;
  private final Counter skipped;
  private final Gauge lag;

  public TriggerMetrics(PrometheusRegistry registry) {
    fired = Counter.builder().name("avs_trigger_fired_total").help("Tasks a trigger started, by trigger (interval:7, event:3, …)")
        .labelNames("trigger").register(registry);
    skipped = Counter.builder().name("avs_trigger_skipped_total")
        .help("Firings a trigger did not start, by trigger and reason (not_leader, missed, duplicate, refused)")
        .labelNames("trigger", "reason").register(registry);
    lag = Gauge.builder().name("avs_trigger_lag_blocks").help("How many blocks a chain trigger is behind the chain's head")
        .labelNames("trigger").register(registry);
  }

  public void fired(String trigger) {
    fired.labelValues(trigger).inc();
  }

  public void skipped(String trigger, String reason, long count) {
    if (count > 0) {
      skipped.labelValues(trigger, reason).inc(count);
    }
  }

  public void lag(String trigger, long blocks) {
    lag.labelValues(trigger).set(blocks);
  }
}
