package avs.execution.cli;

import avs.execution.config.Settings;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's view of the outbox in DATA_DIR, usable while the service runs: counts per state, the newest tasks
 * in some states, and re-queueing dead tasks (the running service picks them up within a moment).
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
    description = {"Show the outbox (counts per state and the newest tasks), or re-queue dead tasks with --requeue-dead.",
        "Works while the service is running."})
public final class TasksCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  @Option(names = "--state", split = ",", paramLabel = "STATE",
      description = "only tasks in these states: received, pending, acknowledged, failed, dead (default: pending,dead,failed)")
  List<String> states = new ArrayList<>(List.of("pending", "dead", "failed"));

  @Option(names = "--limit", description = "at most this many tasks (default 20)")
  int limit = 20;

  @Option(names = "--requeue-dead", description = "put dead tasks back in the queue with fresh attempts and deadline: the ids given, or all")
  boolean requeue;

  @Parameters(paramLabel = "TASK_ID", arity = "0..*", description = "with --requeue-dead: the tasks to re-queue (default: every dead task)")
  List<String> taskIds = new ArrayList<>();

  public TasksCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Settings settings = options.load(context, Map.of());
    PrintStream out = context.out();
    if (!taskIds.isEmpty() && !requeue) {
      context.err().println("error: task ids are only taken with --requeue-dead");
      return 2;
    }
    Set<TaskState> wanted = EnumSet.noneOf(TaskState.class);
    try {
      states.forEach(state -> wanted.add(TaskState.parse(state)));
    } catch (IllegalArgumentException e) {
      context.err().println("error: --state " + e.getMessage());
      return 2;
    }
    if (limit < 1) {
      context.err().println("error: --limit must be at least 1");
      return 2;
    }
    try (Outbox outbox = Outbox.open(settings.outbox(), Clock.systemUTC())) {
      if (requeue) {
        int requeued = outbox.requeueDead(taskIds, settings.delivery().deadline());
        out.println("re-queued " + requeued + " dead task" + (requeued == 1 ? "" : "s") + " in " + outbox.describe()
            + (taskIds.isEmpty() || requeued == taskIds.size() ? "" : " (" + (taskIds.size() - requeued) + " of the ids given were not dead)"));
        return taskIds.isEmpty() || requeued == taskIds.size() ? 0 : 1;
      }
      out.println("outbox " + outbox.describe() + "; kept: " + settings.retention().describe());
      outbox.counts().forEach((state, count) -> out.printf("  %-13s %d%n", state.wireName(), count));
      for (TaskRecord task : outbox.list(wanted, limit)) {
        out.printf("%s  %-12s def=%d attempts=%d created=%s%s%s%n", task.id(), task.state().wireName(), task.taskDefinitionId(), task.attempts(),
            task.createdAt(), task.proofOfTask().map(cid -> " proof=" + cid).orElse(""), task.lastError().map(e -> "\n    last error: " + e).orElse(""));
      }
    }
    out.flush();
    return 0;
  }
}
