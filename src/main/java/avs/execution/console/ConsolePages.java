package avs.execution.console;

import avs.execution.json.Json;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.pipeline.TaskJournal;
import avs.execution.task.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The console's HTML: the pages and the fragments the pages poll. Every task or setting value is escaped. */
final class ConsolePages {
  private final String performer;
  private final IntFunction<String> taskNames;

  private final String retention;

  ConsolePages(String performer, IntFunction<String> taskNames, String retention) {
    this.performer = performer;
    this.taskNames = taskNames;
    this.retention = retention;
  }

  String layout(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.text(title) + " · avs-execution</title>"
        + "<link rel=\"stylesheet\" href=\"/console/assets/console.css\">"
        + "<script src=\"/console/assets/htmx.min.js\"></script><script src=\"/console/assets/console.js\"></script></head><body hx-ext=\"avs-json\">"
        + "<header><h1><a href=\"/console\">Execution service</a></h1><span class=\"performer\">performer " + Html.text(performer) + "</span>"
        + "<nav><a href=\"/console\">Tasks</a><a href=\"/console#dead\">Dead letters</a><a href=\"/console/config\">Configuration</a></nav>"
        + "<label class=\"token\">console token <input type=\"password\" id=\"console-token\" autocomplete=\"off\" placeholder=\"for actions\"></label>"
        + "</header><main>" + body + "</main></body></html>\n";
  }

  String tasksPage(String tableFragment, String deadFragment, List<TaskSpec> definitions, String state, String task) {
    StringBuilder filters = new StringBuilder("<form id=\"filters\" hx-get=\"/console/tasks\" hx-target=\"#task-table\" hx-trigger=\"change\">");
    filters.append("<select name=\"state\" id=\"state-filter\"><option value=\"\">every state</option>");
    for (TaskState s : TaskState.values()) {
      filters.append(option(s.wireName(), s.wireName(), state));
    }
    filters.append("</select> <select name=\"task\" id=\"task-filter\"><option value=\"\">every task definition</option>");
    for (TaskSpec spec : definitions) {
      if (spec.id().isPresent()) {
        filters.append(option(Integer.toString(spec.id().getAsInt()), spec.id().getAsInt() + " " + spec.name(), task));
      }
    }
    filters.append("</select></form>");
    return layout("Tasks", "<section id=\"tasks\"><h2>Tasks</h2>" + filters
        + "<div id=\"task-table\" hx-get=\"/console/tasks\" hx-include=\"#filters\" hx-trigger=\"every 2s\">" + tableFragment + "</div></section>"
        + "<section id=\"dead\"><h2>Dead letters</h2>"
        + "<p><button id=\"requeue-all\" hx-post=\"/console/dead/requeue\" hx-target=\"#action-result\">Re-queue every dead task</button>"
        + " <span id=\"action-result\" role=\"status\"></span></p>"
        + "<div id=\"dead-list\" hx-get=\"/console/dead\" hx-trigger=\"every 5s\">" + deadFragment + "</div></section>");
  }

  private static String option(String value, String label, String selected) {
    return "<option value=\"" + Html.text(value) + "\"" + (value.equals(selected) ? " selected" : "") + ">" + Html.text(label) + "</option>";
  }

  String taskTable(Map<TaskState, Long> counts, List<TaskRecord> tasks, Instant now) {
    StringBuilder out = new StringBuilder("<p class=\"counts\" id=\"counts\">");
    counts.forEach((state, count) -> out.append("<span class=\"state-").append(state.wireName()).append("\">").append(state.wireName())
        .append(" <b data-count=\"").append(state.wireName()).append("\">").append(count).append("</b></span> "));
    out.append("<span class=\"retention\">kept: ").append(Html.text(retention)).append("</span>");
    out.append("</p><table id=\"task-list\"><thead><tr><th>task</th><th>state</th><th>task definition</th><th>trigger</th><th>attempts</th>"
        + "<th>age</th><th>last error</th></tr></thead><tbody>");
    for (TaskRecord task : tasks) {
      out.append("<tr data-task-id=\"").append(Html.text(task.id())).append("\" data-state=\"").append(task.state().wireName()).append("\">")
          .append("<td><a href=\"/console/task/").append(Html.text(task.id())).append("\">").append(Html.text(task.id())).append("</a></td>")
          .append("<td class=\"state-").append(task.state().wireName()).append("\">").append(task.state().wireName()).append("</td>")
          .append("<td>").append(task.taskDefinitionId()).append(' ').append(Html.text(taskNames.apply(task.taskDefinitionId()))).append("</td>")
          .append("<td>").append(Html.text(trigger(task))).append("</td>")
          .append("<td>").append(task.attempts()).append("</td>")
          .append("<td>").append(Html.age(task.createdAt(), now)).append("</td>")
          .append("<td>").append(Html.shortened(task.lastError().orElse(""), 80)).append("</td></tr>");
    }
    if (tasks.isEmpty()) {
      out.append("<tr><td colspan=\"7\" class=\"empty\">no tasks").append(counts.values().stream().mapToLong(Long::longValue).sum() > 0 ? " match" : " yet")
          .append("</td></tr>");
    }
    return out.append("</tbody></table>").toString();
  }

  String deadList(List<TaskRecord> dead, Instant now) {
    if (dead.isEmpty()) {
      return "<p class=\"empty\">no dead tasks</p>";
    }
    StringBuilder out = new StringBuilder("<ul class=\"dead\">");
    for (TaskRecord task : dead) {
      out.append("<li data-task-id=\"").append(Html.text(task.id())).append("\"><a href=\"/console/task/").append(Html.text(task.id())).append("\">")
          .append(Html.text(task.id())).append("</a> ").append(Html.age(task.updatedAt(), now)).append(" ago: ")
          .append(Html.shortened(task.lastError().orElse(""), 120))
          .append(" <button class=\"requeue\" hx-post=\"/console/task/").append(Html.text(task.id())).append("/requeue\" hx-target=\"#action-result\">")
          .append("Re-queue</button></li>");
    }
    return out.append("</ul>").toString();
  }

  String taskPage(TaskRecord task, List<TaskJournal.Step> steps, Instant now) {
    StringBuilder out = new StringBuilder("<section id=\"task\"><h2>Task <code>").append(Html.text(task.id())).append("</code> <span class=\"state-")
        .append(task.state().wireName()).append("\" id=\"task-state\">").append(task.state().wireName()).append("</span></h2><dl>");
    field(out, "task definition", task.taskDefinitionId() + " " + taskNames.apply(task.taskDefinitionId()));
    field(out, "trigger", trigger(task) + task.idempotencyKey().map(k -> " (key " + k + ")").orElse(""));
    field(out, "attempts", Integer.toString(task.attempts()));
    field(out, "deadline", task.deadlineAt().toString());
    task.lastError().ifPresent(e -> field(out, "last error", e));
    out.append("</dl>");
    if (task.state() == TaskState.DEAD) {
      out.append("<p><button id=\"requeue-task\" hx-post=\"/console/task/").append(Html.text(task.id()))
          .append("/requeue\" hx-target=\"#action-result\">Re-queue this task</button> <span id=\"action-result\" role=\"status\"></span></p>");
    }
    out.append("<h3>Steps</h3><table id=\"steps\"><thead><tr><th>at</th><th>step</th><th>detail</th></tr></thead><tbody>");
    step(out, task.createdAt(), "received", "recorded in the outbox", task.createdAt());
    for (TaskJournal.Step s : steps) {
      step(out, s.at(), s.what(), s.detail(), task.createdAt());
    }
    task.acknowledgedAt().ifPresent(at -> step(out, at, "acknowledged", "the node took the task", task.createdAt()));
    if (steps.isEmpty() && task.state() != TaskState.RECEIVED) {
      out.append("<tr><td></td><td colspan=\"2\" class=\"empty\">the steps between were carried by another run of the service"
          + " (the story is kept in memory); last change ").append(Html.text(task.updatedAt().toString())).append("</td></tr>");
    }
    out.append("</tbody></table>");
    task.proofOfTask().ifPresent(cid -> out.append("<p>proof of task: <a id=\"proof-link\" href=\"/ipfs/").append(Html.text(cid)).append("\">")
        .append(Html.text(cid)).append("</a>").append(task.data().map(d -> ", data <code>" + Html.text(d) + "</code>").orElse("")).append("</p>"));
    out.append("<h3>Input</h3><pre id=\"input\">").append(Html.text(task.input().map(ConsolePages::pretty).orElse("(none)"))).append("</pre>");
    out.append("<h3><code>sendTask</code> params</h3><pre id=\"params\">")
        .append(Html.text(task.params().map(ConsolePages::pretty).orElse("(not signed yet)"))).append("</pre></section>");
    return layout("Task " + task.id(), out.toString());
  }

  String configurationPage(List<ConfigurationView.Row> settings, List<TaskSpec> definitions, List<ObjectNode> triggers) {
    StringBuilder out = new StringBuilder("<section id=\"configuration\"><h2>Configuration in effect</h2><table id=\"settings\"><tbody>");
    for (ConfigurationView.Row row : settings) {
      out.append("<tr><th>").append(Html.text(row.name())).append("</th><td>").append(Html.text(row.value())).append("</td></tr>");
    }
    out.append("</tbody></table><h2>Task definitions</h2><table id=\"definitions\"><thead><tr><th>id</th><th>name</th><th>kind</th></tr></thead><tbody>");
    for (TaskSpec spec : definitions) {
      out.append("<tr><td>").append(Html.text(spec.idText())).append("</td><td>").append(Html.text(spec.name())).append("</td><td>")
          .append(Html.text(spec.kind())).append("</td></tr>");
    }
    out.append("</tbody></table><h2>Triggers</h2>");
    if (triggers.isEmpty()) {
      out.append("<p class=\"empty\">no triggers: tasks run when POST /task/execute asks</p>");
    } else {
      out.append("<table id=\"triggers\"><thead><tr><th>trigger</th><th>details (next firing, last firing, cursor, last error)</th></tr></thead><tbody>");
      for (ObjectNode trigger : triggers) {
        out.append("<tr><td>").append(Html.text(trigger.path("id").asString())).append("</td><td><dl>");
        for (Map.Entry<String, JsonNode> field : trigger.properties()) {
          if (!field.getKey().equals("id")) {
            field(out, field.getKey(), field.getValue().isString() ? field.getValue().asString() : field.getValue().toString());
          }
        }
        out.append("</dl></td></tr>");
      }
      out.append("</tbody></table>");
    }
    return layout("Configuration", out.append("</section>").toString());
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append("<dt>").append(Html.text(name)).append("</dt><dd>").append(Html.text(value)).append("</dd>");
  }

  private static void step(StringBuilder out, Instant at, String what, String detail, Instant start) {
    long millis = java.time.Duration.between(start, at).toMillis();
    out.append("<tr class=\"step\"><td title=\"").append(Html.text(at.toString())).append("\">+").append(millis).append(" ms</td><td>")
        .append(Html.text(what)).append("</td><td>").append(Html.text(detail)).append("</td></tr>");
  }

  /** What started a task, from its idempotency key's prefix: a schedule, a block, an event, a message, or HTTP. */
  static String trigger(TaskRecord task) {
    String key = task.idempotencyKey().orElse("");
    int colon = key.indexOf(':');
    String prefix = colon > 0 ? key.substring(0, colon) : "";
    return switch (prefix) {
      case "interval", "cron", "block", "event", "message" -> prefix + " trigger";
      default -> "HTTP";
    };
  }

  private static String pretty(String json) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(json));
    } catch (RuntimeException e) {
      return json;
    }
  }
}
