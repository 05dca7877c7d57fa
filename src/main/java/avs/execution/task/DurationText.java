package avs.execution.task;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in task files and settings: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h},
 * {@code 7d} (or ISO-8601, {@code PT10S}, {@code P7D}).
 */
public final class DurationText {
  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})\\s*(ms|s|m|h|d)");

  private DurationText() {}

  /** The duration, or empty when the text is none of the forms above. */
  public static Optional<Duration> parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher short_ = SHORT.matcher(value);
    if (short_.matches()) {
      long amount = Long.parseLong(short_.group(1));
      return Optional.of(switch (short_.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
    }
    try {
      return Optional.of(Duration.parse(text.strip()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The shortest of the forms above that says it exactly. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
