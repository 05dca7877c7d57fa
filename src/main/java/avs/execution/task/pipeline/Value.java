package avs.execution.task.pipeline;

import avs.execution.json.Json;
import avs.execution.sign.Hex;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * What a step produces: a number (exact decimal, never binary floating point), text, a JSON document, or bytes
 * (from ethabiencode). How each is written into the proof and how it becomes sendTask's {@code data} is decided here.
 */
sealed interface Value {
  /** The value as the proof document records it. */
  JsonNode toJson();

  /** The value as sendTask's data: numbers and text as UTF-8 text, documents as compact JSON, bytes as they are. */
  byte[] dataBytes();

  /** The whole value as text: what a template puts in its place ({@code $(step)}). */
  String text();

  /** The value shortened to one line for errors and the dry run. */
  default String display() {
    String text = text();
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  record Number(BigDecimal value) implements Value {
    /** Decimal text without an exponent or trailing zeros: 341215000000.00000000 is "341215000000". */
    @Override
    public String text() {
      BigDecimal plain = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
      return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }

    @Override
    public JsonNode toJson() {
      return Json.MAPPER.getNodeFactory().stringNode(text());
    }

    @Override
    public byte[] dataBytes() {
      return text().getBytes(StandardCharsets.UTF_8);
    }

  }

  record Text(String value) implements Value {
    @Override
    public JsonNode toJson() {
      return Json.MAPPER.getNodeFactory().stringNode(value);
    }

    @Override
    public byte[] dataBytes() {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String text() {
      return value;
    }
  }

  record Document(JsonNode value) implements Value {
    @Override
    public JsonNode toJson() {
      return value;
    }

    @Override
    public byte[] dataBytes() {
      return Json.bytes(value);
    }

    @Override
    public String text() {
      return Json.text(value);
    }
  }

  record Bytes(byte[] value) implements Value {
    @Override
    public JsonNode toJson() {
      return Json.MAPPER.getNodeFactory().stringNode(Hex.encode(value));
    }

    @Override
    public byte[] dataBytes() {
      return value.clone();
    }

    @Override
    public String text() {
      return Hex.encode(value);
    }
  }
}
