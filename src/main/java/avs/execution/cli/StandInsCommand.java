package avs.execution.cli;

import avs.execution.devnet.LocalPriceFeed;
import avs.execution.devnet.NodeStandIn;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The loopback upstreams on their own, for load runs and for trying another execution service against them. */
@Command(name = "standins", mixinStandardHelpOptions = true,
    description = "Run a local stand-in Othentic node (sendTask) and a local price feed until stopped. Not the Othentic network.")
public final class StandInsCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--node-port", defaultValue = "8545", description = "sendTask JSON-RPC port (default ${DEFAULT-VALUE})")
  int nodePort;

  @Option(names = "--exchange-port", defaultValue = "8546", description = "local price feed port (default ${DEFAULT-VALUE})")
  int exchangePort;

  @Option(names = "--no-verify", description = "check the form of sendTask calls only, not their signatures (load runs)")
  boolean noVerify;

  @Option(names = "--node-fail-rate", defaultValue = "0", paramLabel = "RATE",
      description = "answer HTTP 503 to this share of sendTask calls, 0 to 1 (fault runs; default 0)")
  double failRate;

  @Option(names = "--node-log", paramLabel = "FILE", description = "append the params of every accepted sendTask to FILE, one JSON line each")
  Path nodeLog;

  public StandInsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (failRate < 0 || failRate > 1) {
      context.err().println("error: --node-fail-rate must be from 0 to 1");
      return 2;
    }
    NodeStandIn node = failRate > 0 || nodeLog != null
        ? NodeStandIn.startForFaults(host, nodePort, !noVerify, failRate, nodeLog != null ? nodeLog : Path.of("/dev/null"))
        : NodeStandIn.startForLoad(host, nodePort, !noVerify);
    LocalPriceFeed feed = LocalPriceFeed.start(host, exchangePort);
    context.out().println("node stand-in (sendTask" + (noVerify ? ", form checks only" : ", verifies ECDSA")
        + (failRate > 0 ? ", fails " + Math.round(failRate * 100) + "% of calls with 503" : "") + "): http://" + host + ":" + node.port() + "/");
    context.out().println("LOCAL PRICE FEED (simulated prices, not market data): ORACLE_BASE_URL=" + feed.baseUrl().replace("127.0.0.1", host));
    context.out().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.out().println("node stand-in handled " + node.calls() + " sendTask calls; price feed " + feed.requests() + " requests");
      context.out().flush();
      feed.close();
      node.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
