package avs.execution.task.pipeline;

import avs.execution.json.Json;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code jsonparse: {input, path, lax}} as Chainlink's: walks {@code path} (a list, or comma-separated keys) into
 * the input's JSON; a number in an array position selects an element, a negative one counts from the end. A key
 * that is not there fails the step, or with {@code lax: true} gives null (which an aggregate counts as no answer).
 * Numbers are read exactly (never through a double).
 */
final class JsonParseStep implements Step {
  private static final ObjectReader EXACT = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .with(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private final String input;
  private final List<String> path;
  private final boolean lax;

  JsonParseStep(String input, List<String> path, boolean lax) {
    this.input = input;
    this.path = path;
    this.lax = lax;
  }

  @Override
  public String type() {
    return "jsonparse";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }

  @Override
  public Kind produces() {
    return Kind.ANY;
  }

  @Override
  public String refuses(Kind kind) {
    return switch (kind) {
      case NUMBER -> "is a number, not a JSON document to parse";
      case BYTES -> "is ethabiencode's bytes, not a JSON document to parse";
      default -> null;
    };
  }

  @Override
  public Value run(Inputs inputs, ObjectNode evidence) {
    JsonNode node = document(inputs.get(input));
    for (int i = 0; i < path.size(); i++) {
      String key = path.get(i);
      JsonNode next = node.isArray() && key.matches("-?[0-9]{1,9}") ? element(node, Integer.parseInt(key)) : node.isObject() ? node.get(key) : null;
      if (next == null || next.isMissingNode()) {
        if (lax) {
          evidence.put("missing", String.join(",", path.subList(0, i + 1)));
          return new Value.Document(Json.MAPPER.nullNode());
        }
        throw new StepFailure("the path [" + String.join(", ", path) + "] is not in " + input + "'s answer: no " + describe(key, node)
            + " at [" + String.join(", ", path.subList(0, i)) + "]");
      }
      node = next;
    }
    return leaf(node);
  }

  private JsonNode document(Value value) {
    return switch (value) {
      case Value.Document d -> d.value();
      case Value.Text t -> {
        try {
          yield EXACT.readTree(t.value());
        } catch (JacksonException e) {
          throw new StepFailure(input + "'s answer is not JSON: " + avs.execution.error.Upstreams.excerpt(t.value()));
        }
      }
      default -> throw new StepFailure(input + " is " + value.display() + ", not a JSON document");
    };
  }

  private static JsonNode element(JsonNode array, int index) {
    int at = index < 0 ? array.size() + index : index;
    return at < 0 || at >= array.size() ? null : array.get(at);
  }

  private static String describe(String key, JsonNode node) {
    if (node.isArray()) {
      return key.matches("-?[0-9]+") ? "element " + key + " (the list has " + node.size() + ")" : "key \"" + key + "\" (it is a list)";
    }
    return node.isObject() ? "key \"" + key + "\"" : "key \"" + key + "\" (" + node + " is not a map)";
  }

  /** A JSON value as a step value: numbers exact, strings as text, true/false as text, maps and lists as documents. */
  static Value leaf(JsonNode node) {
    if (node.isNumber()) {
      return new Value.Number(node.decimalValue());
    }
    if (node.isString()) {
      return new Value.Text(node.stringValue());
    }
    if (node.isBoolean()) {
      return new Value.Text(node.asString());
    }
    return new Value.Document(node);
  }
}
