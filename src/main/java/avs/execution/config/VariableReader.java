package avs.execution.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged variables, read as typed values: a blank value is no value, and a value that does not parse is a
 * problem naming its variable (collected, never thrown), with the fallback returned so reading goes on.
 */
abstract class VariableReader {
  final Map<String, String> values;
  /** Every problem found so far, one line each; {@link SettingsLoader} reports them all at once. */
  final List<String> problems = new ArrayList<>();

  VariableReader(Map<String, String> values) {
    this.values = values;
  }

  /** A decimal fraction from 0 to 1, e.g. 0.05 for 5 %. */
  final BigDecimal fraction(String name, BigDecimal fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      BigDecimal value = new BigDecimal(raw.get());
      if (value.signum() >= 0 && value.compareTo(BigDecimal.ONE) <= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    problems.add(name + " must be a fraction from 0 to 1, e.g. 0.05 for ±5 % (got \"" + raw.get() + "\")");
    return fallback;
  }

  final Optional<String> readFile(String name, String path) {
    try {
      return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      problems.add(name + " " + path + " cannot be read (" + e.getClass().getSimpleName() + "): check the path and its permissions");
      return Optional.empty();
    }
  }

  /** A password file's content without its final line break (passwords may contain spaces). */
  static String withoutLineEnd(String text) {
    return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  final Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  final String text(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  final int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    problems.add(name + " must be a whole number from " + min + " to " + max + " (got \"" + raw.get() + "\")");
    return fallback;
  }

  final Duration millis(String name, int fallback) {
    return Duration.ofMillis(integer(name, fallback, 1, 3_600_000));
  }

  final URI url(String name, String fallback) {
    return parseUrl(name, text(name, fallback), false);
  }

  /** A base URL to which paths are appended: always ends with a slash, as the reference's configs do. */
  final URI directoryUrl(String name, String fallback) {
    return parseUrl(name, text(name, fallback), true);
  }

  final URI parseUrl(String name, String raw, boolean directory) {
    try {
      URI uri = URI.create(directory && !raw.endsWith("/") ? raw + "/" : raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    problems.add(name + " must be an http:// or https:// URL (got \"" + raw + "\")");
    return URI.create("http://invalid/");
  }
}
