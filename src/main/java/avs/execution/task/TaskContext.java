package avs.execution.task;

import avs.execution.logging.Secret;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a task may use besides its own settings — never the global settings: the process's HTTP client and clock,
 * the directory relative commands start in (the tasks file's), variables it names in its settings ({@code ${API_TOKEN}}, as secrets),
 * and the metrics registry for its own measurements.
 */
public record TaskContext(HttpClient http, Clock clock, Path tasksDirectory, Map<String, Secret> variables, PrometheusRegistry metrics) {
  public Optional<Secret> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }
}
