package avs.execution.console;

import java.time.Duration;
import java.time.Instant;

/** Escaping and the few formats the console's pages share. Every value from a task or a setting goes through text(). */
final class Html {
  private Html() {}

  /** Text safe in element content and in quoted attribute values. */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** How long ago, in the largest unit that fits: 4 s, 3 min, 2 h, 5 d. */
  static String age(Instant then, Instant now) {
    long seconds = Math.max(0, Duration.between(then, now).toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7_200) {
      return seconds / 60 + " min";
    }
    if (seconds < 172_800) {
      return seconds / 3_600 + " h";
    }
    return seconds / 86_400 + " d";
  }

  /** The first characters of a long text (an error), the whole of it in the title. */
  static String shortened(String value, int max) {
    if (value == null || value.length() <= max) {
      return text(value);
    }
    return "<span title=\"" + text(value) + "\">" + text(value.substring(0, max)) + "…</span>";
  }
}
