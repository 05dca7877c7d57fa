package avs.execution.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.DockerfileSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime stage records its AOT cache with the JVM the entrypoint starts: same options, same classpath, the file
 * the entrypoint names. A JVM whose options or classpath differ from the recording's ignores the cache without a
 * word (the entrypoint turns the aot log off), so drift here would cost every container its head start unnoticed.
 */
class DockerfileAotCacheTest {
  private static final String CACHE_OPTION = "-XX:AOTCache=";
  private static final String RECORD_OPTION = "-XX:AOTCacheOutput=";

  @Test
  void theRecordingRunUsesTheEntrypointsOptionsClasspathAndCacheFile() throws IOException {
    DockerfileSpec dockerfile = DockerfileSpec.parse(Path.of("Dockerfile"));
    List<String> entrypoint = dockerfile.entrypoint();
    String cache = entrypoint.stream().filter(arg -> arg.startsWith(CACHE_OPTION)).findFirst().orElseThrow()
        .substring(CACHE_OPTION.length());
    String recording = dockerfile.runs().stream().filter(run -> run.contains(RECORD_OPTION)).findFirst().orElseThrow();
    List<String> words = Arrays.stream(recording.split("\\s+")).map(word -> word.replace("\"", "")).toList();

    assertThat(words).contains(RECORD_OPTION + cache);
    List<String> jvm = entrypoint.subList(entrypoint.indexOf("java") + 1, entrypoint.indexOf("avs.execution.Main") + 1)
        .stream().filter(arg -> !arg.startsWith(CACHE_OPTION) && !arg.startsWith("-Xlog:")).toList();
    assertThat(jvm).contains("-cp", "--enable-native-access=ALL-UNNAMED");
    List<String> recorded = words.subList(words.indexOf("java") + 1, words.size()).stream()
        .filter(word -> !word.startsWith(RECORD_OPTION)).toList();
    assertThat(Collections.indexOfSubList(recorded, jvm)).as("the recording's java command %s carries %s", recorded, jvm)
        .isZero();
    assertThat(recorded.subList(jvm.size(), recorded.size())).startsWith("devnet", "--offline");
  }
}
