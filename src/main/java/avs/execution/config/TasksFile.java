package avs.execution.config;

import avs.execution.task.TaskSpec;
import avs.execution.trigger.TriggerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The tasks file (TASKS_FILE, or tasks.yaml in the working directory): YAML with one key, {@code tasks:}, a list of
 * task entries. A key given twice is an error, as are unknown keys; every problem is reported with its place.
 */
final class TasksFile {
  static final String DEFAULT_NAME = "tasks.yaml";
  private static final ObjectReader YAML = YAMLMapper.builder().build().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private TasksFile() {}

  static List<TaskSpec> read(Path file, List<String> problems, List<TriggerSpec> triggers) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (JacksonException e) {
      var where = e.getLocation();
      problems.add("TASKS_FILE " + file + (where != null && where.getLineNr() > 0 ? " line " + where.getLineNr() + ", column " + where.getColumnNr() : "")
          + ": " + e.getOriginalMessage());
      return List.of();
    } catch (java.io.IOException | RuntimeException e) {
      problems.add("TASKS_FILE " + file + " cannot be read (" + e.getClass().getSimpleName() + "): check the path and its permissions");
      return List.of();
    }
    if (root == null || !root.isObject() || !root.path("tasks").isArray()) {
      problems.add("TASKS_FILE " + file + ": must have a list under tasks:, e.g.\n  tasks:\n    - id: 7\n      name: factor\n      adapter: {command: [python3, factor.py]}");
      return List.of();
    }
    for (String key : root.propertyNames()) {
      if (!key.equals("tasks")) {
        problems.add("TASKS_FILE " + file + ": unknown key " + key + " (the file has only tasks:)");
      }
    }
    List<TaskSpec> specs = new ArrayList<>();
    JsonNode tasks = root.get("tasks");
    if (tasks.isEmpty()) {
      problems.add("TASKS_FILE " + file + ": tasks: is empty; list at least one task");
    }
    for (int i = 0; i < tasks.size(); i++) {
      TaskEntries.fromFileEntry(tasks.get(i), "tasks[" + i + "]", problems, triggers).ifPresent(specs::add);
    }
    return specs;
  }
}
