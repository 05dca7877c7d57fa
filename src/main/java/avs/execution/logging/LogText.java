package avs.execution.logging;

/**
 * Text from outside the service (a client's field, a path, an upstream's message) made safe for one log line:
 * line breaks and other control characters are escaped, so nobody can write a line of their own into the log,
 * and the length is bounded, so nobody can fill it.
 */
public final class LogText {
  /** The longest piece of outside text one log line carries. */
  public static final int MAX_VALUE_CHARS = 200;

  private LogText() {}

  /** A value for a log line: escaped, and cut to {@value #MAX_VALUE_CHARS} characters with the rest counted. */
  public static String of(String text) {
    return of(text, MAX_VALUE_CHARS);
  }

  public static String of(String text, int maxChars) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= maxChars) {
      return escape(text);
    }
    return escape(text.substring(0, maxChars)) + "…(+" + (text.length() - maxChars) + " chars)";
  }

  /** Escapes C0 and C1 controls, DEL, line and paragraph separators and bidirectional overrides; the rest is kept. */
  public static String escape(CharSequence text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(c);
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text.toString() : out.toString();
  }

  private static String replacement(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
          || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
          ? String.format("\\u%04x", (int) c) : null;
    };
  }
}
