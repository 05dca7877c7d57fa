package avs.execution.task.adapter;

import avs.execution.logging.Secret;
import avs.execution.task.SpecReader;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskFactory;
import avs.execution.task.TaskSpec;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks whose logic is the team's own code ({@code adapter:} in the tasks file), in any language:
 * <pre>
 *   adapter:
 *     command: [python3, adapters/factor.py]   # argv, no shell; or url: http://127.0.0.1:9100/
 *     timeout: 10s                             # per call (default 10s)
 *     mode: per-call                           # or persistent: one process speaking JSON lines
 *     env: {API_TOKEN: "${API_TOKEN}"}         # the child's whole environment (a process starts with none)
 *     headers: {Authorization: "Bearer ${T}"}  # HTTP only
 *     maxOutputBytes: 1048576                  # the largest answer (default 1 MiB)
 * </pre>
 * {@code ${NAME}} in env and headers is the variable NAME from the environment or .env, passed as a secret. The
 * program is found at start-up: on PATH, or relative to the tasks file's directory, where it also runs.
 */
public final class AdapterFactory implements TaskFactory {
  public static final String KIND = "adapter";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final int DEFAULT_MAX_OUTPUT = 1 << 20;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public TaskDefinition create(TaskSpec spec, TaskContext context) {
    return new AdapterTask(spec.name(), spec.params(), transport(spec, context), AdapterMetrics.of(context.metrics()));
  }

  /** The way to the adapter an entry describes (a process, a persistent process, an HTTP endpoint), checked first. */
  AdapterTransport transport(TaskSpec spec, TaskContext context) {
    SpecReader settings = new SpecReader(spec.settings(), spec.place() + ".adapter");
    Optional<List<String>> command = settings.strings("command");
    Optional<URI> url = settings.url("url");
    Duration timeout = settings.duration("timeout", Duration.ofMillis(1), Duration.ofHours(1)).orElse(Duration.ofSeconds(10));
    String mode = settings.string("mode").orElse("per-call");
    int maxOutput = settings.integer("maxOutputBytes", 2, 64 << 20).orElse(DEFAULT_MAX_OUTPUT);
    Map<String, Secret> env = resolve(settings, "env", context);
    Map<String, Secret> headers = resolve(settings, "headers", context);
    if (command.isPresent() == url.isPresent() && !settings.has("command") && !settings.has("url") || command.isPresent() && url.isPresent()) {
      settings.problem("", "give exactly one of command: [program, args…] (a process) or url: http://… (an HTTP adapter)");
    }
    if (!mode.equals("per-call") && !mode.equals("persistent")) {
      settings.problem("mode", "must be per-call or persistent (got \"" + mode + "\")");
    }
    if (url.isPresent() && (mode.equals("persistent") || !env.isEmpty())) {
      settings.problem(mode.equals("persistent") ? "mode" : "env", "is for process adapters; an HTTP adapter takes url, timeout, headers");
    }
    if (command.isPresent() && !headers.isEmpty()) {
      settings.problem("headers", "are for HTTP adapters; a process adapter takes command, timeout, mode, env");
    }
    List<String> argv = command.map(c -> resolveProgram(c, context.tasksDirectory(), settings)).orElse(List.of());
    settings.rejectUnknownKeys();
    settings.throwIfProblems();
    String upstream = "adapter " + spec.name();
    return url.<AdapterTransport>map(u -> new HttpTransport(context.http(), u, headers, timeout, maxOutput, upstream))
        .orElseGet(() -> mode.equals("persistent")
            ? new PersistentProcessTransport(new AdapterCommand(argv, context.tasksDirectory(), env, timeout, maxOutput, upstream))
            : new ProcessTransport(new AdapterCommand(argv, context.tasksDirectory(), env, timeout, maxOutput, upstream)));
  }

  /** A map of values where ${NAME} is a variable: each value becomes a secret, never printed. */
  private static Map<String, Secret> resolve(SpecReader settings, String key, TaskContext context) {
    Map<String, Secret> resolved = new LinkedHashMap<>();
    settings.stringMap(key).forEach((name, value) -> {
      Matcher reference = VARIABLE.matcher(value);
      StringBuilder text = new StringBuilder();
      boolean complete = true;
      while (reference.find()) {
        Optional<Secret> variable = context.variable(reference.group(1));
        if (variable.isEmpty()) {
          settings.problem(key + "." + name, "${" + reference.group(1) + "} is not set in the environment or the .env file");
          complete = false;
        } else {
          reference.appendReplacement(text, Matcher.quoteReplacement(variable.get().reveal()));
        }
      }
      reference.appendTail(text);
      if (complete) {
        resolved.put(name, new Secret(text.toString()));
      }
    });
    return resolved;
  }

  /**
   * The program as an absolute path, found now so a missing one is a start-up error: a name is looked up on PATH,
   * a path is taken relative to the tasks file's directory. The arguments are passed as written.
   */
  private static List<String> resolveProgram(List<String> command, Path directory, SpecReader settings) {
    String program = command.getFirst();
    Optional<Path> found;
    if (program.contains("/")) {
      Path path = directory.resolve(program).normalize();
      found = Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
      if (found.isEmpty()) {
        settings.problem("command", program + " is not an executable file (looked at " + path + ")");
      }
    } else {
      found = onPath(program);
      if (found.isEmpty()) {
        settings.problem("command", program + " was not found on PATH (" + System.getenv().getOrDefault("PATH", "") + ")");
      }
    }
    List<String> argv = new ArrayList<>(command);
    found.ifPresent(path -> argv.set(0, path.toString()));
    return List.copyOf(argv);
  }

  private static Optional<Path> onPath(String program) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, program);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
