package avs.execution;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Each service's metrics registry: its own counters, and the JVM's (memory, GC, threads) beside them. */
final class ServiceMetrics {
  private ServiceMetrics() {}

  static PrometheusRegistry registry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return registry;
  }
}
