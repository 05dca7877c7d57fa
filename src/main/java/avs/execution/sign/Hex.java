package avs.execution.sign;

import java.util.HexFormat;

/** 0x-prefixed lower-case hex, strict on input: the wire format of data, signatures and keys. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** Decodes {@code 0x} + an even number of hex digits (either case); anything else is an IllegalArgumentException. */
  public static byte[] decode(String text) {
    if (text == null || !text.startsWith("0x")) {
      throw new IllegalArgumentException("must start with 0x");
    }
    String digits = text.substring(2);
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("must have an even number of hex digits (got " + digits.length() + ")");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("has a character that is not a hex digit at position " + (i + 2));
      }
    }
    return HEX.parseHex(digits);
  }
}
