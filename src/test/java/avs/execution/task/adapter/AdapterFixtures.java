package avs.execution.task.adapter;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.logging.Secret;
import avs.execution.task.DataPlacement;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Adapter tasks made the way the service makes them (AdapterFactory, from an entry's settings), for the adapter tests. */
final class AdapterFixtures {
  static final Path ADAPTERS = Path.of("src/test/resources/adapters").toAbsolutePath();
  static final PrometheusRegistry METRICS = new PrometheusRegistry();
  static final AdapterFactory FACTORY = new AdapterFactory();
  static final HttpClient HTTP = Upstreams.newClient(Duration.ofSeconds(2)); // the service's own client configuration

  /** The python3 interpreter itself (not a shim such as pyenv's, which sets up an environment of its own). */
  static final String PYTHON = realPython();

  private AdapterFixtures() {}

  private static String realPython() {
    try {
      Process probe = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
      String path = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      probe.waitFor();
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static TaskContext context(Map<String, String> variables) {
    Map<String, Secret> secrets = new java.util.HashMap<>();
    variables.forEach((name, value) -> secrets.put(name, new Secret(value)));
    return new TaskContext(HTTP, Clock.systemUTC(), ADAPTERS, secrets, METRICS);
  }

  /** The adapter task for these settings (JSON, as the tasks file's adapter: block) and params. */
  static TaskDefinition adapter(String name, String settings, String params, Map<String, String> variables) {
    TaskSpec spec = new TaskSpec(OptionalInt.of(7), name, AdapterFactory.KIND, Json.MAPPER.readTree(settings), Json.MAPPER.readTree(params),
        DataPlacement.INLINE, "tasks[0]");
    return FACTORY.create(spec, context(variables));
  }

  static TaskDefinition misbehaving(String mode, String extraSettings) {
    return adapter(mode, "{\"command\":[\"python3\",\"misbehaving.py\",\"" + mode + "\"],\"timeout\":\"2s\"" + extraSettings + "}", "{}", Map.of());
  }

  static TaskRequest request(String input) {
    return new TaskRequest("task-1", 7, OptionalLong.empty(), input == null ? null : Json.MAPPER.readTree(input));
  }

  /** How many file descriptors this JVM holds now (Linux). */
  static long openDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Processes (anywhere on the machine) whose command line mentions the marker. */
  static long processesWith(String marker) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).count();
  }

  static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }
}
