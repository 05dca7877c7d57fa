package avs.execution.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code, so that neither drifts: every variable the code reads is in the reference's
 * tables, and every variable the tables list is read by the code or by the launch scripts (./avs, scripts/).
 * "Read" means a literal name given to the settings reader or looked up in the environment.
 */
class ConfigurationReferenceTest {
  private static final Path REFERENCE = Path.of("docs/configuration.md");
  private static final Pattern READER_CALL = Pattern.compile(
      "\\b(?:fraction|readFile|optional|text|integer|millis|retention|url|directoryUrl|parseUrl|getenv|getOrDefault|containsKey)\\(\"([A-Z][A-Z0-9_]*)\"");
  private static final Pattern NAMED_CONSTANT = Pattern.compile("_VARIABLE\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"");
  private static final Pattern SCRIPT_VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]+)");
  private static final Pattern TABLE_NAME = Pattern.compile("`([A-Z][A-Z0-9_]{1,})`");
  /** Environment lookups that are not settings: the PATH an adapter may be given, the shell's own. */
  private static final Set<String> NOT_SETTINGS = Set.of("PATH", "HOME", "BASH_SOURCE");

  @Test
  void everySettingTheCodeReadsIsInTheReference() {
    Set<String> missing = new TreeSet<>(readByCode());
    missing.removeAll(documented());
    assertThat(missing).as("read by the code but missing from " + REFERENCE).isEmpty();
  }

  @Test
  void everySettingInTheReferenceIsReadSomewhere() {
    Set<String> unread = new TreeSet<>(documented());
    unread.removeAll(readByCode());
    unread.removeAll(readByScripts());
    assertThat(unread).as("listed in " + REFERENCE + " but read nowhere").isEmpty();
  }

  @Test
  void theScanFindsWhatItShould() {
    assertThat(readByCode()).contains("PORT", "PRIVATE_KEY_PERFORMER", "OUTBOX_SYNC", "CONSOLE_TOKEN", "AVS_NATIVE", "PRICE_SOURCES_BASE_URL")
        .doesNotContain("PATH");
    assertThat(documented()).contains("PORT", "PINATA_GATEWAY", "IPFS_HOST").hasSizeGreaterThan(50);
    assertThat(readByScripts()).contains("AVS_AOT", "JAVA_HOME");
  }

  private static Set<String> readByCode() {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
        String source = read(f);
        collect(READER_CALL.matcher(source), names);
        collect(NAMED_CONSTANT.matcher(source), names);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.removeAll(NOT_SETTINGS);
    return names;
  }

  private static Set<String> readByScripts() {
    Set<String> names = new TreeSet<>();
    collect(SCRIPT_VARIABLE.matcher(read(Path.of("avs"))), names);
    try (Stream<Path> files = Files.list(Path.of("scripts"))) {
      files.forEach(f -> collect(SCRIPT_VARIABLE.matcher(read(f)), names));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.removeAll(NOT_SETTINGS);
    return names;
  }

  /** The names in the first column of the reference's tables. */
  private static Set<String> documented() {
    Set<String> names = new TreeSet<>();
    for (String line : read(REFERENCE).split("\n")) {
      if (line.startsWith("| `")) {
        collect(TABLE_NAME.matcher(line.split("\\|")[1]), names);
      }
    }
    return names;
  }

  private static void collect(Matcher matcher, Set<String> into) {
    while (matcher.find()) {
      into.add(matcher.group(1));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
