package avs.execution;

import avs.execution.config.ConfigException;
import avs.execution.config.Settings;
import avs.execution.task.InvalidTaskSpec;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskFactory;
import avs.execution.task.TaskKinds;
import avs.execution.task.TaskRegistry;
import avs.execution.task.adapter.AdapterFactory;
import avs.execution.task.pipeline.PipelineFactory;
import avs.execution.task.price.PriceMedianFactory;
import avs.execution.task.price.PriceOracleFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/**
 * The kinds of task this build ships, and how the configured entries become the task registry both services use:
 * the code that executes a task is the code that validates it.
 */
public final class Tasks {
  private Tasks() {}

  public static TaskKinds kinds(Settings settings) {
    List<TaskFactory> factories = List.of(new PriceOracleFactory(settings.oracle()), new AdapterFactory(), new PipelineFactory(),
        new PriceMedianFactory(settings.oracle()));
    return new TaskKinds(factories);
  }

  /** The registry of the configured tasks; a ConfigException with every problem, each naming its place, if any. */
  public static TaskRegistry registry(Settings settings, HttpClient http, PrometheusRegistry metrics) {
    TaskContext context = new TaskContext(http, Clock.systemUTC(), settings.tasksDirectory(), settings.variables(), metrics);
    TaskRegistry registry;
    try {
      registry = kinds(settings).create(settings.tasks(), context);
    } catch (InvalidTaskSpec e) {
      List<String> problems = new java.util.ArrayList<>(settings.taskProblems());
      problems.addAll(e.problems());
      throw new ConfigException(problems);
    }
    if (!settings.taskProblems().isEmpty()) {
      registry.close();
      throw new ConfigException(settings.taskProblems());
    }
    return registry;
  }
}
