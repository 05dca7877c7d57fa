package avs.execution.cli;

import avs.execution.ServiceMetrics;
import avs.execution.Tasks;
import avs.execution.config.Settings;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.task.DryRun;
import avs.execution.task.TaskRegistry;
import avs.execution.task.pipeline.PipelineSteps;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a tasks file as the service would read it, then dry-runs one execute and one validate per task (nothing
 * signed, stored or sent) and prints what each returned.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Check a tasks file (default: TASKS_FILE, or tasks.yaml here) and dry-run one execute and one validate per task:",
        "nothing is signed, stored or sent. Exit code 0 when every task answered both, 1 when one did not, 2 for a bad file."})
public final class TasksCheckCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "the tasks file (overrides TASKS_FILE)")
  String file;

  @Option(names = "--input", paramLabel = "[ID=]JSON",
      description = "the input of the dry runs: for every task, or ID=JSON for one (repeatable); default none")
  List<String> inputs = new ArrayList<>();

  public TasksCheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintStream out = context.out();
    Map<String, JsonNode> byId = new HashMap<>();
    for (String given : inputs) {
      int equals = given.indexOf('=');
      boolean perTask = equals > 0 && given.substring(0, equals).matches("[0-9]{1,5}|\\*");
      try {
        byId.put(perTask ? given.substring(0, equals) : "", Json.STRICT_READER.readTree(perTask ? given.substring(equals + 1) : given));
      } catch (JacksonException e) {
        context.err().println("error: --input " + given + " is not JSON: " + e.getOriginalMessage());
        return 2;
      }
    }
    Settings settings = options.load(context, file == null ? Map.of() : Map.of("TASKS_FILE", file));
    try (HttpClient http = Upstreams.newClient(settings.connectTimeout());
         TaskRegistry registry = Tasks.registry(settings, http, ServiceMetrics.registry())) {
      out.println(registry.entries().size() + " task" + (registry.entries().size() == 1 ? "" : "s") + " read: " + registry.describe());
      boolean allAnswered = true;
      for (TaskRegistry.Registered entry : registry.entries()) {
        String id = entry.spec().idText();
        int taskDefinitionId = entry.spec().id().orElse(0);
        JsonNode input = byId.getOrDefault(id, byId.get(""));
        DryRun.Outcome outcome = DryRun.run(entry.definition(), taskDefinitionId, input, "0x0000000000000000000000000000000000000001");
        out.println(id + " " + entry.spec().name() + " (" + entry.spec().kind() + ")" + (input == null ? "" : ", input " + input));
        out.println("  execute:  " + outcome.result().map(result -> "data " + shown(result.data()) + ", proof " + outcome.proofOfTask().orElse("")
            + " (" + result.proofDocument().length + " bytes)").orElseGet(() -> "FAILED: " + outcome.executeError().orElse("")) + " in "
            + outcome.executeTime().toMillis() + " ms");
        outcome.result().ifPresent(result -> PipelineSteps.describe(result.proofDocument()).forEach(line -> out.println("    step " + line)));
        if (outcome.result().isPresent()) {
          out.println("  validate: " + outcome.verdict().map(v -> (v.approved() ? "approved: " : "REFUSED: ") + v.reason())
              .orElseGet(() -> "NO VOTE: " + outcome.validateError().orElse("")) + " in " + outcome.validateTime().toMillis() + " ms");
        }
        allAnswered &= outcome.answered();
      }
      return allAnswered ? 0 : 1;
    }
  }

  private static String shown(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? "\"" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "\""
        : avs.execution.sign.Hex.encode(data);
  }
}
