package avs.execution.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** What a command may touch: its environment, working directory and streams, so tests run commands in-process. */
public record CliContext(Map<String, String> environment, Path workingDirectory, InputStream in, PrintStream out, PrintStream err) {

  public static CliContext system() {
    return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.in, System.out, System.err);
  }
}
