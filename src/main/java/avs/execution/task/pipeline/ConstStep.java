package avs.execution.task.pipeline;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code const: {value}}: a fixed value, a number, text or a JSON document, as written. */
final class ConstStep implements Step {
  private final Value value;

  ConstStep(Value value) {
    this.value = value;
  }

  @Override
  public String type() {
    return "const";
  }

  @Override
  public List<String> inputs() {
    return List.of();
  }

  @Override
  public Kind produces() {
    return value instanceof Value.Number ? Kind.NUMBER : value instanceof Value.Text ? Kind.TEXT : Kind.JSON;
  }

  @Override
  public Value run(Inputs inputs, ObjectNode evidence) {
    return value;
  }
}
