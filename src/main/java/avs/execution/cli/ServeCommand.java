package avs.execution.cli;

import avs.execution.ExecutionService;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the execution service: POST /task/execute → price → proof → sign → sendTask (the default command).")
public final class ServeCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  public ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ExecutionService service = ExecutionService.start(options.load(context, Map.of()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
