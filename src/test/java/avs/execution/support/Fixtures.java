package avs.execution.support;

import avs.execution.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/** Committed JSON fixtures from src/test/resources; each file names its source (oracle and version) inside. */
public final class Fixtures {
  private Fixtures() {}

  public static JsonNode load(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  /** The deterministic content of cid-fixtures.json: a 32-bit LCG, top byte of each state. */
  public static byte[] lcgContent(int size) {
    byte[] bytes = new byte[size];
    int state = 1;
    for (int i = 0; i < size; i++) {
      state = state * 1664525 + 1013904223;
      bytes[i] = (byte) (state >>> 24);
    }
    return bytes;
  }
}
