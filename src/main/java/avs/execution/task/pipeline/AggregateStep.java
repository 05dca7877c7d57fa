package avs.execution.task.pipeline;

import avs.execution.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code median | mean | min | max: {inputs, minAnswers, maxDeviation, precision}} over several inputs. Inputs that
 * failed, gave no value or gave something that is not a number do not count as answers; with {@code maxDeviation}
 * ("2%"), answers further than that from the median of all answers are dropped first. Then at least
 * {@code minAnswers} (default: a majority of the inputs) must remain. The median of an even count averages the two
 * middle values; a mean keeps {@code precision} decimal places (default 18). The proof records every input's value
 * or failure, what was used, and what was dropped and why.
 */
final class AggregateStep implements Step {
  enum Operation { MEDIAN, MEAN, MIN, MAX }

  private final Operation operation;
  private final List<String> inputs;
  private final int minAnswers;
  private final Optional<BigDecimal> maxDeviation;
  private final int precision;
  private final DropListener dropped;

  /** Told of every value left out, for the metrics. */
  interface DropListener {
    void dropped(String reason);
  }

  AggregateStep(Operation operation, List<String> inputs, int minAnswers, Optional<BigDecimal> maxDeviation, int precision, DropListener dropped) {
    this.operation = operation;
    this.inputs = inputs;
    this.minAnswers = minAnswers;
    this.maxDeviation = maxDeviation;
    this.precision = precision;
    this.dropped = dropped;
  }

  /** A majority of {@code count} inputs. */
  static int majority(int count) {
    return count / 2 + 1;
  }

  @Override
  public String type() {
    return operation.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public List<String> inputs() {
    return inputs;
  }

  int minAnswers() {
    return minAnswers;
  }

  @Override
  public Kind produces() {
    return Kind.NUMBER;
  }

  @Override
  public boolean toleratesFailedInputs() {
    return true;
  }

  @Override
  public String refuses(Kind kind) {
    return kind == Kind.JSON ? "is a JSON document, not a number" : Step.super.refuses(kind);
  }

  @Override
  public Value run(Inputs in, ObjectNode evidence) {
    Map<String, BigDecimal> answers = new LinkedHashMap<>();
    ObjectNode values = evidence.putObject("values");
    ArrayNode left = Json.array();
    for (String input : inputs) {
      StepFailure failure = in.failures().get(input);
      Value value = in.get(input);
      Optional<BigDecimal> number = value == null ? Optional.empty() : Decimals.of(value);
      if (failure != null) {
        left.add(Json.object().put("step", input).put("reason", "failed: " + failure.getMessage()));
        dropped.dropped("failed");
      } else if (number.isEmpty()) {
        String what = value instanceof Value.Document d && d.value().isNull() ? "gave no value" : "gave " + value.display() + ", not a number";
        left.add(Json.object().put("step", input).put("reason", what));
        dropped.dropped("not_a_number");
      } else {
        answers.put(input, number.get());
        values.put(input, new Value.Number(number.get()).text());
      }
    }
    if (maxDeviation.isPresent() && !answers.isEmpty()) {
      BigDecimal center = median(new ArrayList<>(answers.values()));
      answers.entrySet().removeIf(answer -> {
        BigDecimal distance = Decimals.relativeDistance(answer.getValue(), center);
        if (distance.compareTo(maxDeviation.get()) <= 0) {
          return false;
        }
        left.add(Json.object().put("step", answer.getKey()).put("reason", Decimals.percent(distance) + " from the median "
            + new Value.Number(center).text() + ", more than maxDeviation " + Decimals.percent(maxDeviation.get())));
        dropped.dropped("outlier");
        return true;
      });
    }
    evidence.set("dropped", left);
    ArrayNode used = evidence.putArray("used");
    answers.keySet().forEach(used::add);
    if (answers.size() < minAnswers) {
      boolean unreachable = inputs.stream().map(in.failures()::get).anyMatch(f -> f != null && f.sourceUnreachable());
      StringBuilder why = new StringBuilder(answers.size() + " of " + inputs.size() + " inputs gave a usable answer; minAnswers is " + minAnswers);
      left.forEach(entry -> why.append("; ").append(entry.path("step").asString()).append(": ").append(entry.path("reason").asString()));
      throw new StepFailure(why.toString(), unreachable);
    }
    List<BigDecimal> kept = new ArrayList<>(answers.values());
    BigDecimal result = switch (operation) {
      case MEDIAN -> median(kept);
      case MEAN -> kept.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(kept.size()), precision, RoundingMode.HALF_UP);
      case MIN -> kept.stream().min(Comparator.naturalOrder()).orElseThrow();
      case MAX -> kept.stream().max(Comparator.naturalOrder()).orElseThrow();
    };
    return new Value.Number(result);
  }

  /** The middle value; for an even count, the mean of the two middle ones (exact: halving always terminates). */
  static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) {
      return sorted.get(middle);
    }
    return sorted.get(middle - 1).add(sorted.get(middle)).divide(BigDecimal.valueOf(2));
  }
}
