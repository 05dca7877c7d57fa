package avs.execution.proof;

import java.math.BigInteger;

/** The two CID string encodings IPFS uses by default: base58btc (CIDv0) and multibase base32 lower case (CIDv1). */
final class Multibase {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

  private Multibase() {}

  /**
   * Base58 by long division of the bytes themselves, 58 at a time: no BigInteger (whose division allocated two
   * numbers per digit, for every CID made). A leading zero byte is a leading '1'.
   */
  static String base58btc(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    byte[] number = bytes.clone();
    char[] digits = new char[bytes.length * 138 / 100 + 1]; // log(256) / log(58) < 1.38
    int written = 0;
    for (int start = zeros; start < number.length; ) {
      int remainder = 0;
      for (int i = start; i < number.length; i++) {
        int value = (remainder << 8) | (number[i] & 0xff);
        number[i] = (byte) (value / 58);
        remainder = value % 58;
      }
      digits[digits.length - 1 - written++] = BASE58.charAt(remainder);
      while (start < number.length && number[start] == 0) {
        start++;
      }
    }
    StringBuilder out = new StringBuilder(zeros + written);
    out.repeat('1', zeros);
    return out.append(digits, digits.length - written, written).toString();
  }

  static byte[] decodeBase58btc(String text) {
    BigInteger value = BigInteger.ZERO;
    int leadingZeros = 0;
    boolean leading = true;
    for (char c : text.toCharArray()) {
      int digit = BASE58.indexOf(c);
      if (digit < 0) {
        throw new IllegalArgumentException("'" + c + "' is not a base58btc character");
      }
      if (leading && digit == 0) {
        leadingZeros++;
      } else {
        leading = false;
      }
      value = value.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
    int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
    byte[] out = new byte[leadingZeros + magnitude.length - skip];
    System.arraycopy(magnitude, skip, out, leadingZeros, magnitude.length - skip);
    return out;
  }

  /** RFC 4648 base32, lower case, no padding, prefixed with the multibase code 'b'. */
  static String base32Multibase(byte[] bytes) {
    StringBuilder out = new StringBuilder("b");
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static byte[] decodeBase32Multibase(String text) {
    if (!text.startsWith("b")) {
      throw new IllegalArgumentException("a CIDv1 string must start with the multibase prefix 'b' (base32)");
    }
    byte[] out = new byte[(text.length() - 1) * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 1; i < text.length(); i++) {
      int digit = BASE32.indexOf(text.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("'" + text.charAt(i) + "' is not a base32 character");
      }
      buffer = (buffer << 5) | digit;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
