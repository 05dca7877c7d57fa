package avs.execution.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file the way dotenv does for the reference services: KEY=VALUE lines, optional
 * {@code export}, # comments, single or double quotes around the value. A missing file is an empty map.
 */
public final class DotEnv {
  private DotEnv() {}

  public static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> parse(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    int comment = value.indexOf(" #");
    return comment >= 0 ? value.substring(0, comment).strip() : value;
  }
}
