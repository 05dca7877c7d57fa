package avs.execution.task.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.sign.Hex;
import avs.execution.task.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an attester judges a pipeline's proof. {@code rerun}: run the pipeline again on the recorded input and
 * approve when the result is within the tolerance. {@code recorded}: recompute every derived step (aggregates,
 * arithmetic, encoding) from the values the proof records, then fetch the sources again and approve when each
 * source the aggregate used is within the tolerance of what it recorded. Every refusal names the step or source and
 * how far apart the values are; a source the attester cannot reach is left out, and when too few remain to judge,
 * the attester gives no vote (an UpstreamFailure) rather than a wrong one.
 */
final class PipelineValidation {
  private final PipelineDefinition definition;
  private final String upstream;

  PipelineValidation(PipelineDefinition definition, String upstream) {
    this.definition = definition;
    this.upstream = upstream;
  }

  Verdict rerun(ObjectNode document, byte[] data, Template.Scope scope) {
    Optional<Verdict> dataMismatch = checkData(document, data);
    if (dataMismatch.isPresent()) {
      return dataMismatch.get();
    }
    Map<String, PipelineRun.Outcome> fresh = PipelineRun.run(definition, scope);
    PipelineRun.Outcome now = fresh.get(definition.data());
    if (!now.ok()) {
      throw noVote("cannot re-run the pipeline to judge it: step " + definition.data() + ": " + now.failure().getMessage());
    }
    JsonNode proven = document.path("result");
    Optional<String> apart = apart(proven, now.value().toJson());
    if (apart.isEmpty()) {
      return Verdict.approve("re-ran the pipeline: " + definition.data() + " is " + now.value().display() + ", the proof says " + proven.asString()
          + within() + leftOut(document));
    }
    List<String> sources = new ArrayList<>();
    for (String step : definition.order()) {
      JsonNode recorded = document.path("steps").path(step).path("value");
      PipelineRun.Outcome outcome = fresh.get(step);
      if (definition.step(step) instanceof JsonParseStep && outcome.ok() && !recorded.isMissingNode()) {
        apart(recorded, outcome.value().toJson()).ifPresent(how -> sources.add(step + " " + how));
      }
    }
    return Verdict.refuse("re-ran the pipeline: " + definition.data() + " is " + now.value().display() + ", the proof says " + proven.asString()
        + " (" + apart.get() + "; tolerance " + Decimals.percent(definition.validation().tolerance()) + ")" + (sources.isEmpty() ? "" : "; sources that differ: " + String.join("; ", sources)));
  }

  Verdict recorded(ObjectNode document, byte[] data, Template.Scope scope) {
    Optional<Verdict> dataMismatch = checkData(document, data);
    if (dataMismatch.isPresent()) {
      return dataMismatch.get();
    }
    JsonNode steps = document.path("steps");
    for (String name : definition.order()) {
      Step step = definition.step(name);
      if (step instanceof HttpStep || step instanceof JsonParseStep) {
        continue;
      }
      Map<String, Value> values = new HashMap<>();
      Map<String, StepFailure> failures = new HashMap<>();
      for (String input : step.inputs()) {
        JsonNode recorded = steps.path(input);
        if (recorded.has("error")) {
          failures.put(input, new StepFailure(recorded.path("error").asString()));
        } else if (recorded.has("value")) {
          values.put(input, decode(recorded.get("value"), definition.step(input).produces()));
        } else {
          return Verdict.refuse("the proof records no value for step " + input);
        }
      }
      Template.Scope stepScope = new Template.Scope(scope.input(), scope.params(), values, scope.secrets());
      String recomputed;
      ObjectNode evidence = Json.object();
      try {
        recomputed = Json.text(step.run(new Step.Inputs(values, failures, stepScope), evidence).toJson());
      } catch (StepFailure e) {
        recomputed = "(fails: " + e.getMessage() + ")";
      }
      JsonNode claimed = steps.path(name).path("value");
      if (!Json.text(claimed).equals(recomputed)) {
        return Verdict.refuse("step " + name + ": the proof records " + claimed + ", but its recorded inputs give " + recomputed);
      }
      for (String part : List.of("values", "used")) {
        if (evidence.has(part) && !evidence.get(part).equals(steps.path(name).path(part))) {
          return Verdict.refuse("step " + name + ": the proof records " + part + " " + steps.path(name).path(part) + ", but its recorded inputs give "
              + evidence.get(part));
        }
      }
    }
    return refetch(document, scope);
  }

  /** The sources again: each value an aggregate used must still be within the tolerance. */
  private Verdict refetch(JsonNode document, Template.Scope scope) {
    JsonNode steps = document.path("steps");
    Map<String, PipelineRun.Outcome> fresh = PipelineRun.run(definition, scope);
    List<String> checked = new ArrayList<>();
    for (String name : definition.order()) {
      if (!(definition.step(name) instanceof AggregateStep aggregate)) {
        continue;
      }
      int comparable = 0;
      for (JsonNode used : steps.path(name).path("used")) {
        String source = used.asString();
        PipelineRun.Outcome now = fresh.get(source);
        if (now == null || !now.ok() || Decimals.of(now.value()).isEmpty()) {
          continue; // unreachable, or answering garbage now: no evidence either way
        }
        comparable++;
        Optional<String> apart = apart(steps.path(source).path("value"), now.value().toJson());
        if (apart.isPresent()) {
          return Verdict.refuse("source " + source + " (used by " + name + "): the proof records " + steps.path(source).path("value").asString()
              + ", it is now " + now.value().display() + " (" + apart.get() + "; tolerance " + Decimals.percent(definition.validation().tolerance()) + ")");
        }
        checked.add(source);
      }
      if (comparable < aggregate.minAnswers()) {
        throw noVote("only " + comparable + " of the sources " + name + " used could be fetched again; " + aggregate.minAnswers() + " are needed to judge");
      }
    }
    return Verdict.approve("the proof's steps are consistent and its sources (" + String.join(", ", checked) + ") still agree" + within()
        + leftOut(document));
  }

  /** What the proof's aggregates left out and why, for the verdict's reason (empty when nothing was). */
  private static String leftOut(JsonNode document) {
    List<String> left = new ArrayList<>();
    document.path("steps").forEach(step -> step.path("dropped").forEach(drop ->
        left.add(drop.path("step").asString() + " (" + Upstreams.excerpt(drop.path("reason").asString()) + ")")));
    return left.isEmpty() ? "" : "; the proof left out " + String.join(", ", left);
  }

  /** The data sent with the task must be the proof's result, encoded as the data step encodes it. */
  private Optional<Verdict> checkData(ObjectNode document, byte[] data) {
    Value result = decode(document.path("result"), definition.step(definition.data()).produces());
    if (!Arrays.equals(result.dataBytes(), data)) {
      return Optional.of(Verdict.refuse("the task's data is not the proof's result " + document.path("result")));
    }
    return Optional.empty();
  }

  /** How far apart two recorded values are, when that is more than the tolerance (numbers) or they differ (others). */
  private Optional<String> apart(JsonNode proven, JsonNode now) {
    Optional<BigDecimal> a = Decimals.of(decode(proven, Step.Kind.ANY));
    Optional<BigDecimal> b = Decimals.of(decode(now, Step.Kind.ANY));
    if (a.isPresent() && b.isPresent()) {
      BigDecimal distance = Decimals.relativeDistance(a.get(), b.get());
      return distance.compareTo(definition.validation().tolerance()) <= 0 ? Optional.empty()
          : Optional.of(Decimals.percent(distance) + " apart");
    }
    return proven.equals(now) ? Optional.empty() : Optional.of("different values");
  }

  private String within() {
    return " (tolerance " + Decimals.percent(definition.validation().tolerance()) + ")";
  }

  /** A value as the proof records it, read back as the kind of step that made it. */
  static Value decode(JsonNode recorded, Step.Kind kind) {
    if (kind == Step.Kind.BYTES && recorded.isString() && recorded.stringValue().matches("0x([0-9a-fA-F]{2})*")) {
      return new Value.Bytes(Hex.decode(recorded.stringValue()));
    }
    if (kind == Step.Kind.NUMBER && recorded.isString()) {
      return Decimals.parse(recorded.stringValue()).<Value>map(Value.Number::new).orElse(new Value.Text(recorded.stringValue()));
    }
    return JsonParseStep.leaf(recorded);
  }

  private UpstreamFailure noVote(String message) {
    return new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE, message);
  }
}
