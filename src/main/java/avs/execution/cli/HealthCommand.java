package avs.execution.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The container's HEALTHCHECK and a probe for scripts, with no curl needed: asks the running process on this machine
 * whether it is ready and exits 0 (ready) or 1 (not ready, or nothing answers).
 */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = {"Ask the service running on this machine whether it is ready: exit 0 when it is, 1 when not.",
        "Asks the node API's /health/ready (NODE_API_PORT, default 9010 or 9011) and, when that port is off or closed, the",
        "execution service's /health (PORT, default 4003), then the validation service's (VALIDATION_PORT, 4002)."})
public final class HealthCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--url", paramLabel = "URL", description = "ask this URL instead (any 2xx is ready)")
  String url;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3", description = "per request (default 3)")
  int timeoutSeconds;

  public HealthCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<String> failures = new ArrayList<>();
    for (String target : targets()) {
      HttpURLConnection connection = null;
      try {
        connection = (HttpURLConnection) URI.create(target).toURL().openConnection();
        connection.setConnectTimeout(timeoutSeconds * 1000);
        connection.setReadTimeout(timeoutSeconds * 1000);
        int status = connection.getResponseCode();
        String body = excerpt(status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
        if (status / 100 == 2) {
          context.out().println("ready: " + target + " answered " + status);
          return 0;
        }
        context.err().println("not ready: " + target + " answered " + status + (body.isEmpty() ? "" : ": " + body));
        return 1;
      } catch (IOException | IllegalArgumentException e) {
        failures.add(target + " (" + e.getMessage() + ")");
      } finally {
        if (connection != null) {
          connection.disconnect();
        }
      }
    }
    context.err().println("not ready: nothing answers at " + String.join(", ", failures));
    return 1;
  }

  private List<String> targets() {
    if (url != null) {
      return List.of(url);
    }
    List<String> targets = new ArrayList<>();
    String nodeApi = variable("NODE_API_PORT", "");
    if (nodeApi.isEmpty()) {
      targets.add("http://127.0.0.1:9010/health/ready"); // the default, and the default of `validate` alone
      targets.add("http://127.0.0.1:9011/health/ready");
    } else if (!nodeApi.equalsIgnoreCase("off")) {
      targets.add("http://127.0.0.1:" + nodeApi + "/health/ready");
    }
    targets.add("http://127.0.0.1:" + variable("PORT", "4003") + "/health");
    targets.add("http://127.0.0.1:" + variable("VALIDATION_PORT", "4002") + "/health");
    return targets;
  }

  private String variable(String name, String fallback) {
    String value = context.environment().get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static String excerpt(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      String text = new String(in.readNBytes(300), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      return text.replaceAll("\\p{Cntrl}", "?");
    }
  }
}
