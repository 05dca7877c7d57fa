package avs.execution.task.pipeline;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.logging.Secret;
import avs.execution.task.DataPlacement;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Pipeline tasks made the way the service makes them: the {@code pipeline:} block written in YAML, through the factory. */
final class PipelineFixtures {
  static final HttpClient HTTP = Upstreams.newClient(Duration.ofSeconds(2));
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private PipelineFixtures() {}

  static TaskContext context(Map<String, String> variables, PrometheusRegistry metrics) {
    Map<String, Secret> secrets = new HashMap<>();
    variables.forEach((name, value) -> secrets.put(name, new Secret(value)));
    return new TaskContext(HTTP, Clock.systemUTC(), Path.of("."), secrets, metrics);
  }

  static JsonNode yaml(String text) {
    return YAML.readTree(text);
  }

  /** The task for a pipeline block written as YAML (what sits under {@code pipeline:} in the tasks file). */
  static TaskDefinition pipeline(String yaml) {
    return pipeline(yaml, "{}", Map.of());
  }

  static TaskDefinition pipeline(String yaml, String params, Map<String, String> variables) {
    return pipeline(yaml, params, variables, new PrometheusRegistry());
  }

  static TaskDefinition pipeline(String yaml, String params, Map<String, String> variables, PrometheusRegistry metrics) {
    TaskSpec spec = new TaskSpec(OptionalInt.of(3), "median-test", PipelineFactory.KIND, yaml(yaml), Json.MAPPER.readTree(params),
        DataPlacement.INLINE, "tasks[0]");
    return new PipelineFactory().create(spec, context(variables, metrics));
  }

  static TaskRequest request(String input) {
    return new TaskRequest("task-1", 3, OptionalLong.empty(), input == null ? null : Json.MAPPER.readTree(input));
  }

  static JsonNode proof(byte[] document) {
    return Json.MAPPER.readTree(document);
  }
}
