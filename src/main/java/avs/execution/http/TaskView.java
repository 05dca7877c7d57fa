package avs.execution.http;

import avs.execution.json.Json;
import avs.execution.outbox.TaskRecord;
import tools.jackson.databind.node.ObjectNode;

/** A task as the status and listing endpoints show it: state, attempts, last error, proof, params and times. */
final class TaskView {
  private TaskView() {}

  static String statusUrl(String taskId) {
    return "/task/" + taskId;
  }

  static ObjectNode of(TaskRecord task) {
    ObjectNode view = Json.object()
        .put("taskId", task.id())
        .put("state", task.state().wireName())
        .put("taskDefinitionId", task.taskDefinitionId())
        .put("attempts", task.attempts());
    task.targetChainId().ifPresent(chain -> view.put("targetChainId", chain));
    task.idempotencyKey().ifPresent(key -> view.put("idempotencyKey", key));
    task.input().ifPresent(input -> view.set("input", Json.MAPPER.readTree(input)));
    task.proofOfTask().ifPresent(cid -> view.put("proofOfTask", cid));
    task.data().ifPresent(data -> view.put("data", data));
    task.lastError().ifPresent(error -> view.put("lastError", error));
    task.params().ifPresent(params -> view.set("params", Json.MAPPER.readTree(params)));
    view.put("createdAt", task.createdAt().toString());
    view.put("updatedAt", task.updatedAt().toString());
    if (task.state().unfinished()) {
      view.put("nextAttemptAt", task.nextAttemptAt().toString());
    }
    view.put("deadlineAt", task.deadlineAt().toString());
    task.acknowledgedAt().ifPresent(at -> view.put("acknowledgedAt", at.toString()));
    view.put("statusUrl", statusUrl(task.id()));
    return view;
  }
}
