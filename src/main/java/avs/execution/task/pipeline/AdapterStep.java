package avs.execution.task.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.task.adapter.AdapterCall;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code adapter: {command | url, timeout, mode, env, headers, input: {key: "$(step)"}}}: calls a task adapter (the
 * adapter contract's execute) with {@code input}, whose text values are templates. Its value is the adapter's data,
 * as text when it is UTF-8, else bytes; the adapter's own proof goes into the evidence. The request's taskId is
 * {@code <task>/<step>} and its params are the task's.
 */
final class AdapterStep implements Step {
  private final String task;
  private final String name;
  private final AdapterCall adapter;
  private final Map<String, Template> input;

  AdapterStep(String task, String name, AdapterCall adapter, Map<String, Template> input) {
    this.task = task;
    this.name = name;
    this.adapter = adapter;
    this.input = input;
  }

  @Override
  public String type() {
    return "adapter";
  }

  @Override
  public List<String> inputs() {
    Set<String> steps = new LinkedHashSet<>();
    input.values().forEach(value -> steps.addAll(value.steps()));
    return List.copyOf(steps);
  }

  @Override
  public Kind produces() {
    return Kind.ANY;
  }

  @Override
  public boolean blocking() {
    return true;
  }

  @Override
  public Value run(Inputs in, ObjectNode evidence) {
    ObjectNode request = Json.object();
    input.forEach((key, template) -> request.put(key, template.render(in.scope(), Template.Encoding.RAW, true)));
    AdapterCall.Answer answer;
    try {
      answer = adapter.execute(task + "/" + name, 0, request, in.scope().params());
    } catch (UpstreamFailure e) {
      throw new StepFailure(e.getMessage(), e.retryable());
    }
    evidence.set("proof", answer.proof() == null ? Json.MAPPER.nullNode() : answer.proof());
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(answer.data())).toString();
      return new Value.Text(text);
    } catch (CharacterCodingException e) {
      return new Value.Bytes(answer.data());
    }
  }

  @Override
  public void close() {
    adapter.close();
  }
}
