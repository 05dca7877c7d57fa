package avs.execution.task.pipeline;

import avs.execution.task.InvalidTaskSpec;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskFactory;
import avs.execution.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Tasks written as pipelines in the tasks file ({@code pipeline: {steps, data, validate, allowPrivateNetwork,
 * hostRateLimit}}): fetch, parse, aggregate, compute and encode, without code. The sources of every pipeline task
 * made by one factory share the rate limits and the coalescing of identical requests.
 */
public final class PipelineFactory implements TaskFactory {
  public static final String KIND = "pipeline";
  private Sources sources;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public TaskDefinition create(TaskSpec spec, TaskContext context) {
    return create(spec.name(), spec.settings(), spec.settings(), spec.params(), spec.place() + ".pipeline", context);
  }

  /**
   * A pipeline task from a block written elsewhere (a built-in's generated steps, say). {@code identity} is what the
   * definition hash in every proof is computed over: the block itself for a pipeline as written; for a built-in, its
   * settings without where its sources are served from, so a performer and its attesters behind different proxies
   * still agree on what they run.
   */
  public TaskDefinition create(String name, JsonNode block, JsonNode identity, JsonNode params, String place, TaskContext context) {
    PipelineMetrics metrics = PipelineMetrics.of(context.metrics());
    PipelineParser.Environment environment = new PipelineParser.Environment(name, sources(context, metrics), context, params, metrics);
    List<String> problems = new ArrayList<>();
    PipelineDefinition definition = PipelineParser.parse(block, identity, place, environment, problems).orElse(null);
    if (definition == null) {
      throw new InvalidTaskSpec(problems);
    }
    return new PipelineTask(name, definition, params, context.variables());
  }

  private synchronized Sources sources(TaskContext context, PipelineMetrics metrics) {
    if (sources == null) {
      sources = new Sources(context.http(), context.clock(), metrics);
    }
    return sources;
  }
}
