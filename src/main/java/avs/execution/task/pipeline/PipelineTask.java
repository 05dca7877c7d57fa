package avs.execution.task.pipeline;

import avs.execution.error.BadRequest;
import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.logging.Secret;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task written as a pipeline in the tasks file. The proof document is the evidence:
 * {@code {"version":1,"kind":"pipeline","task","taskDefinitionId","taskId","definition":"sha256:…","input","steps":{…},
 * "data":"out","result":…}}, with every step's value or error and, for sources, the URL (secrets redacted), status,
 * fetch time and response hash; aggregates add what they used and what they dropped and why.
 */
final class PipelineTask implements TaskDefinition {
  static final int VERSION = 1;
  private final String name;
  private final PipelineDefinition definition;
  private final JsonNode params;
  private final Map<String, Secret> secrets;
  private final String upstream;

  PipelineTask(String name, PipelineDefinition definition, JsonNode params, Map<String, Secret> secrets) {
    this.name = name;
    this.definition = definition;
    this.params = params;
    this.secrets = secrets;
    this.upstream = "pipeline " + name;
  }

  @Override
  public String name() {
    return name;
  }

  PipelineDefinition definition() {
    return definition;
  }

  /** Every value the templates take from the input must be there, as text or a number. */
  @Override
  public void checkInput(JsonNode input) {
    for (List<String> path : definition.inputPaths()) {
      try {
        Template.scalar(input == null ? Json.MAPPER.missingNode() : input, path, "input");
      } catch (StepFailure e) {
        throw new BadRequest("input" + (path.isEmpty() ? "" : "." + String.join(".", path)), e.getMessage().replaceFirst("^input[^ ]* ", ""));
      }
    }
  }

  @Override
  public TaskResult execute(TaskRequest request) {
    Map<String, PipelineRun.Outcome> outcomes = PipelineRun.run(definition, scope(request.input()));
    PipelineRun.Outcome data = outcomes.get(definition.data());
    if (!data.ok()) {
      throw failure("step " + definition.data() + " (data): " + data.failure().getMessage(), data.failure());
    }
    ObjectNode document = Json.object().put("version", VERSION).put("kind", "pipeline").put("task", name)
        .put("taskDefinitionId", request.taskDefinitionId()).put("taskId", request.taskId()).put("definition", definition.hash());
    document.set("input", request.input() == null ? Json.MAPPER.nullNode() : request.input());
    ObjectNode steps = document.putObject("steps");
    outcomes.forEach((step, outcome) -> steps.set(step, outcome.evidence()));
    document.put("data", definition.data());
    document.set("result", data.value().toJson());
    return new TaskResult(Json.bytes(document), data.value().dataBytes(), name + " " + data.value().display());
  }

  @Override
  public Verdict validate(ValidationRequest request) {
    ObjectNode document;
    try {
      JsonNode parsed = Json.STRICT_READER.readTree(request.proofDocument());
      if (!(parsed instanceof ObjectNode object) || !"pipeline".equals(object.path("kind").asString(null))
          || object.path("version").asInt(-1) != VERSION) {
        return Verdict.refuse("the proof document is not one a pipeline task makes ({\"version\":1,\"kind\":\"pipeline\",…})");
      }
      document = object;
    } catch (JacksonException e) {
      return Verdict.refuse("the proof document is not JSON");
    }
    if (document.path("taskDefinitionId").asInt(-1) != request.taskDefinitionId()) {
      return Verdict.refuse("the proof was made for task definition " + document.path("taskDefinitionId") + ", not " + request.taskDefinitionId());
    }
    if (!definition.hash().equals(document.path("definition").asString(""))) {
      return Verdict.refuse("the proof was made by another pipeline definition (" + document.path("definition").asString("none")
          + "; this attester has " + definition.hash() + ")");
    }
    JsonNode result = document.path("result");
    JsonNode recordedData = document.path("steps").path(definition.data()).path("value");
    if (result.isMissingNode() || !result.equals(recordedData)) {
      return Verdict.refuse("the proof's result " + result + " is not the value its data step " + definition.data() + " recorded (" + recordedData + ")");
    }
    JsonNode input = document.get("input");
    Template.Scope scope = scope(input == null || input.isNull() ? null : input);
    PipelineValidation validation = new PipelineValidation(definition, upstream);
    return definition.validation().method() == PipelineDefinition.Validation.Method.RECORDED
        ? validation.recorded(document, request.data(), scope)
        : validation.rerun(document, request.data(), scope);
  }

  @Override
  public void close() {
    definition.steps().values().forEach(Step::close);
  }

  private Template.Scope scope(JsonNode input) {
    return new Template.Scope(input == null ? Json.MAPPER.nullNode() : input, params, Map.of(), secrets);
  }

  private UpstreamFailure failure(String message, StepFailure cause) {
    return new UpstreamFailure(upstream, cause.sourceUnreachable() ? UpstreamFailure.Kind.UNAVAILABLE : UpstreamFailure.Kind.BAD_ANSWER, message, cause);
  }
}
