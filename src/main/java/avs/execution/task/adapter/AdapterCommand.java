package avs.execution.task.adapter;

import avs.execution.logging.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process adapter as the tasks file declares it, for both process transports: its argv, the directory it runs in,
 * its environment (nothing else of ours), its deadline, its output limit, and its name in errors and logs.
 */
record AdapterCommand(List<String> argv, Path directory, Map<String, Secret> environment, Duration timeout, int maxOutputBytes,
    String upstream) {

  /** The process, in its own session, in its directory, with a cleared environment plus the task's {@code env}. */
  ProcessBuilder builder() {
    ProcessBuilder builder = new ProcessBuilder(ChildProcesses.inOwnSession(argv)).directory(directory.toFile());
    builder.environment().clear(); // nothing of ours leaks in: only what the task's env names
    environment.forEach((name, value) -> builder.environment().put(name, value.reveal()));
    return builder;
  }

  String commandLine() {
    return String.join(" ", argv);
  }
}
