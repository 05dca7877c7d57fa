package avs.execution.task.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order steps run in, found once when the pipeline is loaded: every step after the steps it reads. A name that
 * is not a step, a cycle, or an input of the wrong kind is a problem naming its place.
 */
final class StepGraph {
  private StepGraph() {}

  static List<String> order(Map<String, Step> steps, String place, List<String> problems) {
    for (var entry : steps.entrySet()) {
      List<String> inputs = entry.getValue().inputs();
      for (int i = 0; i < inputs.size(); i++) {
        String input = inputs.get(i);
        String at = place + ".steps." + entry.getKey();
        Step source = steps.get(input);
        if (source == null) {
          problems.add(at + ": reads " + quote(input) + ", which is not a step (steps: " + String.join(", ", steps.keySet()) + ")");
        } else if (input.equals(entry.getKey())) {
          problems.add(at + ": reads its own value");
        } else {
          String refusal = entry.getValue().refuses(source.produces());
          if (refusal != null) {
            problems.add(at + ": its input " + input + " " + refusal);
          }
        }
      }
    }
    List<String> order = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1: being visited, 2: done
    for (String name : steps.keySet()) {
      visit(name, steps, state, new LinkedHashMap<>(), order, place, problems);
    }
    return List.copyOf(order);
  }

  private static void visit(String name, Map<String, Step> steps, Map<String, Integer> state, LinkedHashMap<String, Boolean> path,
      List<String> order, String place, List<String> problems) {
    Integer seen = state.get(name);
    if (seen != null && seen == 2 || !steps.containsKey(name)) {
      return;
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.keySet());
      cycle = new ArrayList<>(cycle.subList(cycle.indexOf(name), cycle.size()));
      cycle.add(name);
      problems.add(place + ".steps: a cycle: " + String.join(" → ", cycle) + " (each step must come from steps that do not need it)");
      return;
    }
    state.put(name, 1);
    path.put(name, true);
    for (String input : steps.get(name).inputs()) {
      if (!input.equals(name)) {
        visit(input, steps, state, path, order, place, problems);
      }
    }
    path.remove(name);
    state.put(name, 2);
    order.add(name);
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
