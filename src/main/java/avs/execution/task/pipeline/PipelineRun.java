package avs.execution.task.pipeline;

import avs.execution.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a pipeline: every step starts as soon as its inputs are done, so independent sources are fetched at
 * the same time and a task takes as long as its slowest source, not their sum. Steps that wait on the network run
 * on their own virtual thread; the others run where their last input finished. A step whose input failed fails
 * too, except aggregates, which count the answers they got.
 */
final class PipelineRun {
  private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("pipeline-step").start(task);

  /** A step's value, or why it has none, and what it observed. */
  record Outcome(Value value, StepFailure failure, ObjectNode evidence) {
    boolean ok() {
      return failure == null;
    }
  }

  private PipelineRun() {}

  /** Runs every step; the outcomes in the definition's order. */
  static Map<String, Outcome> run(PipelineDefinition definition, Template.Scope scope) {
    Map<String, CompletableFuture<Outcome>> running = new HashMap<>();
    for (String name : definition.order()) {
      Step step = definition.step(name);
      List<String> inputs = step.inputs();
      CompletableFuture<?>[] needed = inputs.stream().map(running::get).toArray(CompletableFuture[]::new);
      CompletableFuture<Void> ready = CompletableFuture.allOf(needed);
      CompletableFuture<Outcome> outcome = step.blocking()
          ? ready.thenApplyAsync(ignored -> runStep(step, inputs, running, scope), VIRTUAL)
          : ready.thenApply(ignored -> runStep(step, inputs, running, scope));
      running.put(name, outcome);
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String name : definition.order()) {
      outcomes.put(name, running.get(name).join());
    }
    return outcomes;
  }

  private static Outcome runStep(Step step, List<String> inputs, Map<String, CompletableFuture<Outcome>> running, Template.Scope scope) {
    Map<String, Value> values = new HashMap<>();
    Map<String, StepFailure> failures = new HashMap<>();
    for (String input : inputs) {
      Outcome done = running.get(input).join();
      if (done.ok()) {
        values.put(input, done.value());
      } else {
        failures.put(input, done.failure());
      }
    }
    ObjectNode evidence = Json.object().put("type", step.type());
    if (!failures.isEmpty() && !step.toleratesFailedInputs()) {
      String input = failures.keySet().iterator().next();
      StepFailure because = failures.get(input);
      evidence.put("error", "not run: its input " + input + " failed");
      return new Outcome(null, new StepFailure("its input " + input + " failed: " + because.getMessage(), because.sourceUnreachable()), evidence);
    }
    long start = System.nanoTime();
    Step.Inputs in = new Step.Inputs(values, failures, new Template.Scope(scope.input(), scope.params(), values, scope.secrets()));
    try {
      Value value = step.run(in, evidence);
      evidence.set("value", value.toJson());
      return new Outcome(value, null, evidence);
    } catch (StepFailure e) {
      evidence.put("error", e.getMessage());
      return new Outcome(null, e, evidence);
    } catch (RuntimeException e) {
      String message = step.type() + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      evidence.put("error", message);
      return new Outcome(null, new StepFailure(message), evidence);
    } finally {
      evidence.put("micros", (System.nanoTime() - start) / 1000);
    }
  }
}
