package avs.execution.cli;

import avs.execution.ExecutionService;
import avs.execution.NodeApi;
import avs.execution.ValidationService;
import avs.execution.config.Settings;
import avs.execution.health.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the execution service: POST /task/execute → price → proof → sign → sendTask (the default command).",
        "With SERVICES=execution,validation it also runs the validation service (POST /task/validate, port 4002)."})
public final class ServeCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  public ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    return run(context, options.load(context, Map.of()));
  }

  /** Starts the services the settings ask for and runs them until the process is told to stop. */
  static int run(CliContext context, Settings settings) throws InterruptedException {
    List<AutoCloseable> started = new ArrayList<>();
    List<HealthCheck> checks = new ArrayList<>();
    try {
      if (settings.validation().services().contains(Settings.Service.EXECUTION)) {
        ExecutionService execution = ExecutionService.start(settings);
        started.add(execution);
        checks.addAll(execution.healthChecks());
      }
      if (settings.validation().services().contains(Settings.Service.VALIDATION)) {
        ValidationService validation = ValidationService.start(settings);
        started.add(validation);
        checks.addAll(validation.healthChecks());
      }
      if (settings.nodeApi().port().isPresent()) {
        started.add(NodeApi.start(settings, settings.nodeApi().port().getAsInt(), checks));
      }
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeAll(started);
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }

  private static void closeAll(List<AutoCloseable> services) {
    for (AutoCloseable service : services.reversed()) {
      try {
        service.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e.getMessage());
      }
    }
  }
}
