package avs.execution.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import avs.execution.Version;
import avs.execution.json.Json;
import avs.execution.support.DockerfileSpec;
import avs.execution.support.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OCI tarball Jib builds ({@code ./mvnw -Pimage -Dimage.base=scratch package}; .ci/run builds it before the
 * tests): its config must say what the Dockerfile says, and its layers must hold the application where the
 * entrypoint looks for it.
 */
class ImageConfigurationTest {
  private static final Path TARBALL = Path.of("target/avs-execution-image.tar");
  private static final Map<String, byte[]> BLOBS = new HashMap<>();
  private static final List<String> LAYER_BLOBS = new ArrayList<>();
  private static JsonNode config;
  private static DockerfileSpec dockerfile;

  @BeforeAll
  static void readTheTarball() throws IOException {
    assumeTrue(Files.isRegularFile(TARBALL), "no " + TARBALL + ": build it first with ./mvnw -Pimage -Dimage.base=scratch -DskipTests package");
    try (InputStream in = Files.newInputStream(TARBALL)) {
      TarReader.read(in, (name, mode, size, type, content) -> {
        if (size < (1 << 20) && (name.equals("index.json") || name.startsWith("blobs/"))) {
          BLOBS.put(name, content.read());
        }
      });
    }
    JsonNode index = Json.MAPPER.readTree(BLOBS.get("index.json"));
    JsonNode manifest = Json.MAPPER.readTree(blob(index.get("manifests").get(0).get("digest").stringValue()));
    assertThat(manifest.get("mediaType").stringValue()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    config = Json.MAPPER.readTree(blob(manifest.get("config").get("digest").stringValue())).get("config");
    manifest.get("layers").valueStream().forEach(layer -> LAYER_BLOBS.add(layer.get("digest").stringValue()));
    dockerfile = DockerfileSpec.parse(Path.of("Dockerfile"));
  }

  private static byte[] blob(String digest) {
    return BLOBS.get("blobs/" + digest.replace(':', '/'));
  }

  private static List<String> strings(JsonNode array) {
    return array == null ? List.of() : array.valueStream().map(JsonNode::stringValue).toList();
  }

  @Test
  void theEntrypointAndCommandAreTheDockerfilesAndServeByDefault() {
    assertThat(strings(config.get("Entrypoint"))).isEqualTo(dockerfile.entrypoint()).contains("avs.execution.Main");
    assertThat(strings(config.get("Cmd"))).isEqualTo(dockerfile.cmd()).containsExactly("serve");
  }

  @Test
  void itRunsAsTheDockerfilesNonRootUserInTheSameWorkingDirectory() {
    String user = config.get("User").stringValue();
    assertThat(user).isEqualTo(dockerfile.user());
    assertThat(user.split(":")[0]).isNotIn("0", "root", "");
    assertThat(config.get("WorkingDir").stringValue()).isEqualTo(dockerfile.workdir());
  }

  @Test
  void portsVolumeAndEnvironmentAreTheDockerfiles() {
    Set<String> ports = new HashSet<>();
    config.get("ExposedPorts").propertyNames().forEach(ports::add);
    assertThat(ports).containsExactlyInAnyOrderElementsOf(dockerfile.exposed().stream().map(p -> p + "/tcp").toList())
        .contains("4003/tcp", "4002/tcp");
    Set<String> volumes = new HashSet<>();
    config.get("Volumes").propertyNames().forEach(volumes::add);
    assertThat(volumes).isEqualTo(dockerfile.volumes()).contains(dockerfile.env().get("DATA_DIR"));
    List<String> env = strings(config.get("Env"));
    dockerfile.env().forEach((name, value) -> assertThat(env).contains(name + "=" + value));
    assertThat(env).contains("BIND_ADDRESS=0.0.0.0");
  }

  @Test
  void theLabelsCarryTheVersionAndTheSource() {
    JsonNode labels = config.get("Labels");
    assertThat(labels.get("org.opencontainers.image.version").stringValue()).isEqualTo(Version.NUMBER);
    assertThat(labels.get("org.opencontainers.image.source").stringValue()).startsWith("https://");
    dockerfile.labels().keySet().forEach(name -> assertThat(labels.has(name)).as("label " + name).isTrue());
  }

  @Test
  void theLayersHoldTheClassesTheLibrariesAndAWritableDataDirectory() throws IOException {
    Set<String> names = new HashSet<>();
    Map<String, Integer> modes = new HashMap<>();
    try (InputStream in = Files.newInputStream(TARBALL)) {
      TarReader.read(in, (name, mode, size, type, content) -> {
        if (name.startsWith("blobs/") && LAYER_BLOBS.stream().anyMatch(d -> name.equals("blobs/" + d.replace(':', '/')))) {
          try (InputStream layer = new GZIPInputStream(new java.io.ByteArrayInputStream(content.read()))) {
            TarReader.read(layer, (entry, entryMode, entrySize, entryType, entryContent) -> {
              String path = entry.startsWith("/") ? entry.substring(1) : entry.replaceFirst("^\\./", "");
              names.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
              modes.put(path.endsWith("/") ? path.substring(0, path.length() - 1) : path, entryMode);
            });
          }
        }
      });
    }
    assertThat(names).contains("app/classes/avs/execution/Main.class", "app/resources/logback.xml", "app/resources/avs-execution.properties");
    assertThat(names).anyMatch(name -> name.startsWith("app/libs/helidon-webserver-") && name.endsWith(".jar"));
    assertThat(modes.get("data") & 0775).isEqualTo(0775);
  }
}
