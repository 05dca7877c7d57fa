package avs.execution.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the process. Thread-safe; compact output with fields in insertion order. */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  /**
   * For what callers send us (request bodies, JSON-RPC calls): the same mapper, refusing a property given twice,
   * which parsers disagree on (first wins here, last wins there) and so can smuggle a value past a check.
   */
  public static final ObjectReader STRICT_READER = MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static byte[] bytes(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  public static String text(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
