package avs.execution.support;

import avs.execution.task.DataPlacement;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskFactory;
import avs.execution.task.TaskKinds;
import avs.execution.task.TaskRegistry;
import avs.execution.task.TaskSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import tools.jackson.databind.node.JsonNodeFactory;

/** Registries of given task definitions, made the production way (TaskKinds), for tests of what surrounds tasks. */
public final class FakeTasks {
  private FakeTasks() {}

  /** {@code "1=keeper,*=beacon"}: each id gets the definition of that name from {@code definitions}. */
  public static TaskRegistry registry(String entries, Map<String, ? extends TaskDefinition> definitions) {
    List<TaskSpec> specs = new ArrayList<>();
    for (String entry : entries.split(",")) {
      String[] parts = entry.strip().split("=", 2);
      OptionalInt id = parts[0].equals("*") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(parts[0]));
      specs.add(new TaskSpec(id, parts[1], "fake", JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
          DataPlacement.INLINE, "test entry " + entry));
    }
    TaskFactory fake = new TaskFactory() {
      @Override
      public String kind() {
        return "fake";
      }

      @Override
      public TaskDefinition create(TaskSpec spec, TaskContext context) {
        return definitions.get(spec.name());
      }
    };
    return new TaskKinds(List.of(fake)).create(specs, context());
  }

  public static TaskContext context() {
    return new TaskContext(HttpClient.newHttpClient(), Clock.systemUTC(), Path.of("."), Map.of(), new PrometheusRegistry());
  }
}
