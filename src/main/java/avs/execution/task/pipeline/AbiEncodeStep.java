package avs.execution.task.pipeline;

import avs.execution.sign.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.datatypes.Type;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ethabiencode: {types: [uint256, string], values: ["$(out)", "$(input.symbol)"]}}: the values ABI-encoded as
 * Solidity's {@code abi.encode} does, as the task's data bytes. Types: uintN, intN, address, bool, bytesN, bytes,
 * string. An integer type needs a whole number (multiply and round first); bytes take 0x-hex.
 */
final class AbiEncodeStep implements Step {
  static final Pattern TYPE = Pattern.compile("u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?"
      + "|address|bool|string|bytes([1-9]|[12][0-9]|3[0-2])?");
  private final List<String> types;
  private final List<Template> values;

  AbiEncodeStep(List<String> types, List<Template> values) {
    this.types = types;
    this.values = values;
  }

  @Override
  public String type() {
    return "ethabiencode";
  }

  @Override
  public List<String> inputs() {
    Set<String> steps = new LinkedHashSet<>();
    values.forEach(value -> steps.addAll(value.steps()));
    return List.copyOf(steps);
  }

  @Override
  public Kind produces() {
    return Kind.BYTES;
  }

  @Override
  public Value run(Inputs in, ObjectNode evidence) {
    List<Type> encoded = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      String text = values.get(i).render(in.scope(), Template.Encoding.RAW, false);
      encoded.add(instantiate(types.get(i), text, i));
    }
    return new Value.Bytes(Hex.decode("0x" + FunctionEncoder.encodeConstructor(encoded)));
  }

  @SuppressWarnings("rawtypes")
  private Type instantiate(String type, String text, int index) {
    String place = "values[" + index + "] (" + type + " " + values.get(index) + " = \"" + shorten(text) + "\")";
    Object value;
    if (type.startsWith("uint") || type.startsWith("int")) {
      BigDecimal number = Decimals.parse(text).orElseThrow(() -> new StepFailure(place + " is not a number"));
      try {
        value = number.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new StepFailure(place + " is not a whole number: multiply and round it first");
      }
      if (type.startsWith("uint") && ((BigInteger) value).signum() < 0) {
        throw new StepFailure(place + " is negative");
      }
    } else if (type.equals("bool")) {
      if (!text.equals("true") && !text.equals("false")) {
        throw new StepFailure(place + " is not true or false");
      }
      value = Boolean.parseBoolean(text);
    } else if (type.startsWith("bytes")) {
      if (!text.matches("0x([0-9a-fA-F]{2})*")) {
        throw new StepFailure(place + " is not 0x-hex bytes");
      }
      value = Hex.decode(text);
    } else {
      value = text;
    }
    try {
      return TypeDecoder.instantiateType(type, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new StepFailure(place + " does not fit " + type + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
