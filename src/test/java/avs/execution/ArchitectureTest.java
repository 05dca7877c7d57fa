package avs.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: no pipeline stage imports the HTTP layer or the command line. */
class ArchitectureTest {
  private static final List<String> STAGES = List.of("task", "proof", "sign", "submit", "outbox", "pipeline", "validation", "config", "error", "json",
      "logging", "upstream");

  @Test
  void stagesNeverImportHttpOrCli() throws IOException {
    Path root = Path.of("src/main/java/avs/execution");
    for (String stage : STAGES) {
      try (Stream<Path> files = Files.walk(root.resolve(stage))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
          String source = read(f);
          assertThat(source).as(f.toString()).doesNotContain("import avs.execution.http.").doesNotContain("import avs.execution.cli.")
              .doesNotContain("import avs.execution.devnet.");
        });
      }
    }
  }

  /** Each stage owns its settings (a record of its own); only config reads variables and files, and no stage reads config. */
  @Test
  void noStageImportsTheGlobalSettings() throws IOException {
    for (String stage : STAGES) {
      if (stage.equals("config")) {
        continue;
      }
      try (Stream<Path> files = Files.walk(Path.of("src/main/java/avs/execution").resolve(stage))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> assertThat(read(f)).as(f.toString()).doesNotContain("import avs.execution.config."));
      }
    }
  }

  /** The edge frames bytes and knows nothing of the routes, envelopes or logs above it: those come in through Refusals. */
  @Test
  void theEdgeImportsNothingOfTheHttpLayerAboveIt() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/avs/execution/http/edge"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> assertThat(read(f)).as(f.toString())
          .doesNotContainPattern("import avs\\.execution\\.(?!http\\.edge\\.)"));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
