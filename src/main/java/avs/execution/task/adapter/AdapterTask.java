package avs.execution.task.adapter;

import avs.execution.json.Json;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task whose logic is the team's own program, reached through the adapter contract. The service does the rest:
 * the proof document it stores wraps the adapter's proof with the task's identity and input
 * ({@code {"version":1,"task","taskDefinitionId","taskId","input","proof"}}), so attesters validate against the same
 * input; it signs and sends; the adapter never sees a key and never talks to the node. Validation asks the same
 * adapter, with the proof as it was stored.
 */
final class AdapterTask implements TaskDefinition {
  private final String name;
  private final JsonNode params;
  private final AdapterTransport transport;
  private final AdapterMetrics metrics;
  private final String upstream;

  AdapterTask(String name, JsonNode params, AdapterTransport transport, AdapterMetrics metrics) {
    this.name = name;
    this.params = params;
    this.transport = transport;
    this.metrics = metrics;
    this.upstream = "adapter " + name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TaskResult execute(TaskRequest request) {
    ObjectNode call = AdapterProtocol.executeRequest(request.taskId(), request.taskDefinitionId(), request.targetChainId(), request.input(), params);
    AdapterProtocol.Executed executed = AdapterProtocol.executed(call("execute", call), upstream);
    ObjectNode document = Json.object().put("version", AdapterProtocol.VERSION).put("task", name)
        .put("taskDefinitionId", request.taskDefinitionId()).put("taskId", request.taskId());
    document.set("input", request.input() == null ? Json.MAPPER.nullNode() : request.input());
    document.set("proof", executed.proof());
    return new TaskResult(Json.bytes(document), executed.data(), name + " " + executed.data().length + " bytes of data");
  }

  @Override
  public Verdict validate(ValidationRequest request) {
    ObjectNode document;
    try {
      JsonNode parsed = Json.STRICT_READER.readTree(request.proofDocument());
      if (!(parsed instanceof ObjectNode object) || !object.has("proof") || object.path("version").asInt(-1) != AdapterProtocol.VERSION) {
        return Verdict.refuse("the proof document is not one an adapter task makes ({\"version\":1,…,\"proof\":…})");
      }
      document = object;
    } catch (JacksonException e) {
      return Verdict.refuse("the proof document is not JSON");
    }
    if (document.path("taskDefinitionId").asInt(-1) != request.taskDefinitionId()) {
      return Verdict.refuse("the proof was made for task definition " + document.path("taskDefinitionId") + ", not " + request.taskDefinitionId());
    }
    JsonNode input = document.get("input");
    ObjectNode call = AdapterProtocol.validateRequest(request.taskDefinitionId(), request.proofOfTask(), document.get("proof"), request.data(),
        request.performer(), input == null || input.isNull() ? null : input, params);
    AdapterProtocol.Judged judged = AdapterProtocol.judged(call("validate", call), upstream);
    return new Verdict(judged.valid(), judged.reason());
  }

  private ObjectNode call(String op, ObjectNode request) {
    long start = System.nanoTime();
    boolean ok = false;
    try {
      ObjectNode answer = AdapterProtocol.parse(transport.call(Json.bytes(request)), upstream);
      ok = true;
      return answer;
    } finally {
      metrics.called(name, op, ok, start);
    }
  }

  @Override
  public void close() {
    transport.close();
  }

  String describe() {
    return transport.describe();
  }
}
