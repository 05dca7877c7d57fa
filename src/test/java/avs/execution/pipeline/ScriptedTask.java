package avs.execution.pipeline;

import avs.execution.error.BadRequest;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A task whose executions do what the test says, in order (a result, or a failure to throw), then succeed; it
 * records every request it ran and refuses inputs that are not objects.
 */
final class ScriptedTask implements TaskDefinition {
  private final Queue<Supplier<RuntimeException>> failures = new ConcurrentLinkedQueue<>();
  final List<TaskRequest> executed = new CopyOnWriteArrayList<>();

  ScriptedTask thenFail(Supplier<RuntimeException> failure) {
    failures.add(failure);
    return this;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public void checkInput(JsonNode input) {
    if (input != null && !input.isObject()) {
      throw new BadRequest("input", "must be an object for this task");
    }
  }

  @Override
  public TaskResult execute(TaskRequest request) {
    executed.add(request);
    Supplier<RuntimeException> failure = failures.poll();
    if (failure != null) {
      throw failure.get();
    }
    String proof = "{\"taskId\":\"" + request.taskId() + "\",\"input\":" + request.input() + "}";
    return new TaskResult(proof.getBytes(StandardCharsets.UTF_8), "42".getBytes(StandardCharsets.UTF_8), "42");
  }

  @Override
  public Verdict validate(ValidationRequest request) {
    return Verdict.approve("scripted");
  }
}
