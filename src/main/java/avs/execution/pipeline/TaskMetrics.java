package avs.execution.pipeline;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the execution side counts for {@code /metrics}: triggers taken and turned away, executions per task definition,
 * how tasks end (acknowledged, failed before signing, dead), sends and retries, and how long a task takes from trigger
 * to acknowledgement. No label carries an id, a key or a URL; the task label is a configured name.
 */
public final class TaskMetrics {
  private final Counter accepted;
  private final Counter refused;
  private final Counter failed;
  private final Counter sends;
  private final Counter executions;
  private final Histogram acknowledgedAfter;
  private final PrometheusRegistry registry;

  private TaskMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    accepted = Counter.builder().name("avs_tasks_accepted_total").help("Triggers accepted (recorded or run)").register(registry);
    refused = Counter.builder().name("avs_tasks_refused_total")
        .help("Triggers answered 429: in_flight (MAX_IN_FLIGHT), queued (MAX_QUEUED) or shutting_down").labelNames("reason").register(registry);
    failed = Counter.builder().name("avs_tasks_failed_total")
        .help("Tasks that failed before anything was signed, by stage (execute, proof, sign)").labelNames("stage").register(registry);
    sends = Counter.builder().name("avs_task_sends_total")
        .help("sendTask calls by what became of the task: acknowledged, retry (sent again later) or dead").labelNames("outcome").register(registry);
    executions = Counter.builder().name("avs_task_executions_total")
        .help("Executions of each task definition (label task: its configured name) by outcome: ok (proved and signed), "
            + "retry (failed, tried again later) or failed").labelNames("task", "outcome").register(registry);
    acknowledgedAfter = Histogram.builder().name("avs_task_acknowledged_seconds")
        .help("From trigger to the node's acknowledgement, retries included")
        .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600).register(registry);
  }

  /** Metrics registered with this registry, scraped at /metrics. */
  public static TaskMetrics registeredWith(PrometheusRegistry registry) {
    return new TaskMetrics(registry);
  }

  /** Metrics that nobody scrapes: for a trigger run without a metrics endpoint. */
  public static TaskMetrics unscraped() {
    return new TaskMetrics(new PrometheusRegistry());
  }

  /** The number of unfinished tasks, read when scraped (the dispatcher keeps it current). */
  void backlog(LongSupplier unfinished) {
    GaugeWithCallback.builder().name("avs_outbox_backlog").help("Tasks accepted and not yet acknowledged, failed or dead")
        .callback(callback -> callback.call(unfinished.getAsLong())).register(registry);
  }

  void accepted() {
    accepted.inc();
  }

  void refused(String reason) {
    refused.labelValues(reason).inc();
  }

  void failed(String stage) {
    failed.labelValues(stage).inc();
  }

  /** One preparation of a task of the named task definition: "ok", "retry" or "failed". */
  void executed(String task, String outcome) {
    executions.labelValues(task, outcome).inc();
  }

  void acknowledged(Duration sinceTrigger) {
    sends.labelValues("acknowledged").inc();
    acknowledgedAfter.observe(Math.max(0, sinceTrigger.toNanos()) / 1e9);
  }

  void retry() {
    sends.labelValues("retry").inc();
  }

  void dead() {
    sends.labelValues("dead").inc();
  }
}
