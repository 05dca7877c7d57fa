package avs.execution.task.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code multiply: {input, times}}, {@code divide: {input, by, precision}} and {@code round: {input, places}} in
 * exact decimal arithmetic. {@code times} and {@code by} are a number or {@code $(step)}; a division keeps
 * {@code precision} decimal places (default 18) and, like rounding, rounds half away from zero, as Chainlink does.
 */
final class ArithmeticStep implements Step {
  enum Operation { MULTIPLY, DIVIDE, ROUND }

  private final Operation operation;
  private final String input;
  private final Template operand;
  private final int places;

  ArithmeticStep(Operation operation, String input, Template operand, int places) {
    this.operation = operation;
    this.input = input;
    this.operand = operand;
    this.places = places;
  }

  @Override
  public String type() {
    return operation.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public List<String> inputs() {
    List<String> all = new ArrayList<>();
    all.add(input);
    operand.steps().stream().filter(step -> !step.equals(input)).forEach(all::add);
    return List.copyOf(all);
  }

  @Override
  public Kind produces() {
    return Kind.NUMBER;
  }

  @Override
  public String refuses(Kind kind) {
    return kind == Kind.JSON ? "is a JSON document, not a number" : Step.super.refuses(kind);
  }

  @Override
  public Value run(Inputs in, ObjectNode evidence) {
    BigDecimal value = number(in.get(input), input);
    BigDecimal result = switch (operation) {
      case MULTIPLY -> value.multiply(operand(in));
      case DIVIDE -> {
        BigDecimal by = operand(in);
        if (by.signum() == 0) {
          throw new StepFailure("divides " + input + " by zero");
        }
        yield value.divide(by, places, RoundingMode.HALF_UP);
      }
      case ROUND -> value.setScale(places, RoundingMode.HALF_UP);
    };
    if (!Decimals.reasonable(result)) {
      throw new StepFailure("the result is beyond 10^±1000");
    }
    return new Value.Number(result);
  }

  private BigDecimal operand(Inputs in) {
    String text = operand.render(in.scope(), Template.Encoding.RAW, false);
    return Decimals.parse(text).orElseThrow(() -> new StepFailure("the operand " + operand + " is " + text + ", not a number"));
  }

  private static BigDecimal number(Value value, String step) {
    return Decimals.of(value).orElseThrow(() -> new StepFailure(step + " gave " + value.display() + ", not a number"));
  }
}
