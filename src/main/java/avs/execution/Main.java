package avs.execution;

import avs.execution.cli.CidCommand;
import avs.execution.cli.CliContext;
import avs.execution.cli.CustomMessageCommand;
import avs.execution.cli.DevnetCommand;
import avs.execution.cli.HealthCommand;
import avs.execution.cli.KeysCommand;
import avs.execution.cli.ServeCommand;
import avs.execution.cli.SignCommand;
import avs.execution.cli.StandInsCommand;
import avs.execution.cli.AdapterCommand;
import avs.execution.cli.AdapterTestCommand;
import avs.execution.cli.TasksCheckCommand;
import avs.execution.cli.TasksCommand;
import avs.execution.cli.ValidateCommand;
import avs.execution.config.ConfigException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: parses, runs one command, exits. Without a command it serves. */
@Command(name = "avs", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Execution Service for Othentic Stack AVSs.",
    subcommandsRepeatable = false)
public final class Main implements Runnable {
  /**
   * Where virtual threads wait for their sockets: {@code jdk.pollerMode=1} makes the JDK's pollers platform threads
   * instead of virtual threads of their own (the JDK's default on Linux), which costs a blocking socket exchange
   * 29 µs of CPU instead of 47 µs under load here (docs/benchmarks.md, "The upstream client"). Every HTTP request
   * served and every plain-HTTP upstream call waits so. Read once, when the first socket blocks; a value given with
   * {@code -D} is kept.
   */
  static void choosePollers() {
    if (System.getProperty("jdk.pollerMode") == null) {
      System.setProperty("jdk.pollerMode", "1");
    }
  }

  public static void main(String[] args) {
    choosePollers();
    LoggerFactory.getILoggerFactory(); // initialise logging before any thread logs, so nothing is replayed
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(run(args, CliContext.system()));
  }

  /** Runs a command and returns its exit code: 0 done, 1 failed, 2 bad usage or configuration. */
  public static int run(String[] args, CliContext context) {
    CommandLine cli = new CommandLine(new Main())
        .addSubcommand(new ServeCommand(context))
        .addSubcommand(new ValidateCommand(context))
        .addSubcommand(new DevnetCommand(context))
        .addSubcommand(new CidCommand(context))
        .addSubcommand(new SignCommand(context))
        .addSubcommand(new KeysCommand(context))
        .addSubcommand(new CommandLine(new TasksCommand(context)).addSubcommand(new TasksCheckCommand(context)))
        .addSubcommand(new CommandLine(new AdapterCommand()).addSubcommand(new AdapterTestCommand(context)))
        .addSubcommand(new HealthCommand(context))
        .addSubcommand(new StandInsCommand(context))
        .addSubcommand(new CustomMessageCommand(context))
        .addSubcommand(new CommandLine.HelpCommand())
        .setOut(new PrintWriter(context.out(), true))
        .setErr(new PrintWriter(context.err(), true))
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          if (e instanceof ConfigException config) {
            context.err().println("error: " + config.getMessage());
            context.err().println("Nothing was started. Fix the settings above (environment, .env file or flags) and run again.");
            return 2;
          }
          context.err().println("error: " + StartupMessages.oneLine(e));
          if (StartupMessages.wantsStackTrace(context.environment())) {
            e.printStackTrace(context.err());
          } else {
            context.err().println("(LOG_LEVEL=DEBUG shows the stack trace)");
          }
          return 1;
        });
    return cli.execute(withDefaultCommand(args, cli.getSubcommands().keySet()));
  }

  /** No command, or only flags: the reference's behaviour, serving. */
  private static String[] withDefaultCommand(String[] args, java.util.Set<String> commands) {
    if (args.length > 0 && (commands.contains(args[0]) || args[0].equals("--help") || args[0].equals("-h")
        || args[0].equals("--version") || args[0].equals("-V"))) {
      return args;
    }
    List<String> withServe = new ArrayList<>(List.of("serve"));
    withServe.addAll(List.of(args));
    return withServe.toArray(String[]::new);
  }

  @Override
  public void run() {
    // reached only through withDefaultCommand's rules; serve is the default
  }
}
