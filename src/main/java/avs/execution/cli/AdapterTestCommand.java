package avs.execution.cli;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.logging.Secret;
import avs.execution.task.DataPlacement;
import avs.execution.task.DurationText;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskSpec;
import avs.execution.task.adapter.AdapterFactory;
import avs.execution.task.adapter.Conformance;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The adapter contract's conformance check, for the author of an adapter: {@code avs adapter test python3 my.py}. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Check an adapter against the contract (version 1): golden execute and validate requests, the schema of each answer,",
        "the error form, and the deadline. Give the command (argv, no shell) or the URL of an HTTP adapter.",
        "Exit code 0 when every case passes."})
public final class AdapterTestCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "COMMAND…|URL", arity = "1..*", description = "the adapter's command and arguments, or its http(s) URL")
  List<String> target = new ArrayList<>();

  @Option(names = "--input", paramLabel = "JSON", description = "the input of the golden requests (default {})")
  String input = "{}";

  @Option(names = "--params", paramLabel = "JSON", description = "the params, as the tasks file would give them (default {})")
  String params = "{}";

  @Option(names = "--timeout", paramLabel = "DURATION", description = "the deadline of each call (default 10s)")
  String timeout = "10s";

  @Option(names = "--persistent", description = "the command is a long-lived process speaking JSON lines (mode: persistent)")
  boolean persistent;

  public AdapterTestCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintStream out = context.out();
    JsonNode inputNode;
    JsonNode paramsNode;
    try {
      inputNode = Json.STRICT_READER.readTree(input);
      paramsNode = Json.STRICT_READER.readTree(params);
    } catch (JacksonException e) {
      context.err().println("error: --input and --params must be JSON: " + e.getOriginalMessage());
      return 2;
    }
    Duration deadline = DurationText.parse(timeout).orElse(null);
    if (deadline == null || !paramsNode.isObject()) {
      context.err().println("error: " + (deadline == null ? "--timeout must be a duration such as 500ms or 10s" : "--params must be a JSON object"));
      return 2;
    }
    ObjectNode settings = Json.object().put("timeout", timeout);
    if (target.size() == 1 && target.getFirst().matches("https?://.+")) {
      settings.put("url", target.getFirst());
    } else {
      settings.set("command", Json.MAPPER.valueToTree(target));
      if (persistent) {
        settings.put("mode", "persistent");
      }
    }
    TaskSpec spec = new TaskSpec(OptionalInt.of(7), "under-test", AdapterFactory.KIND, settings, paramsNode, DataPlacement.INLINE, "the adapter");
    Map<String, Secret> variables = new HashMap<>();
    context.environment().forEach((name, value) -> variables.put(name, new Secret(value)));
    try (HttpClient http = Upstreams.newClient(Duration.ofSeconds(3))) {
      TaskContext taskContext = new TaskContext(http, Clock.systemUTC(), context.workingDirectory(), variables, new PrometheusRegistry());
      List<Conformance.Case> cases = Conformance.check(spec, taskContext, inputNode, deadline);
      for (Conformance.Case c : cases) {
        out.println((c.passed() ? "PASS  " : "FAIL  ") + c.name() + " (" + c.took().toMillis() + " ms)");
        out.println("      " + c.detail());
      }
      long failed = cases.stream().filter(c -> !c.passed()).count();
      out.println(failed == 0 ? "all " + cases.size() + " cases passed" : failed + " of " + cases.size() + " cases failed");
      return failed == 0 ? 0 : 1;
    } catch (avs.execution.task.InvalidTaskSpec e) {
      context.err().println("error: " + String.join("; ", e.problems()));
      return 2;
    }
  }
}
