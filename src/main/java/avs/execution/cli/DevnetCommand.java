package avs.execution.cli;

import avs.execution.config.ConfigException;
import avs.execution.config.Settings;
import avs.execution.devnet.Devnet;
import avs.execution.devnet.ExchangeProbe;
import avs.execution.devnet.LocalPriceFeed;
import avs.execution.devnet.NodeStandIn;
import avs.execution.devnet.Performers;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignatureType;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The whole round trip on this machine, offline if need be: our execution service as the performer, a stand-in
 * aggregator that any execution service can submit to, N attesters with their validation services, and each
 * task's journey shown as it happens.
 */
@Command(name = "devnet", aliases = "demo", mixinStandardHelpOptions = true,
    description = {"Run a LOCAL STAND-IN for an Othentic AVS network (not the Othentic network): an aggregator with sendTask",
        "on port 8545 that verifies ECDSA and BLS signatures, N attesters each asking a validation service, and this",
        "execution service as the performer. Triggers tasks and shows each one's journey, then a summary."})
public final class DevnetCommand implements Callable<Integer> {
  private static final Duration DECISION_WAIT = Duration.ofSeconds(30);
  private final CliContext context;
  private volatile boolean stopping;
  private JsonNode inputNode;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  @Option(names = {"--count", "-n"}, paramLabel = "N", description = "trigger N tasks, then stop (default 0: keep going until stopped)")
  int count;

  @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "2000", description = "pause between triggers (default ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--attesters", paramLabel = "N", defaultValue = "3", description = "number of attesters (default ${DEFAULT-VALUE})")
  int attesters;

  @Option(names = "--dishonest-attester", description = "the last attester votes against what its validation service says")
  boolean dishonestAttester;

  @Option(names = "--dishonest-performer", paramLabel = "wrong-price|bad-signature",
      description = "the performer proves a price 20 %% off, or its signatures are altered on the way to the aggregator")
  String dishonestPerformer;

  @Option(names = "--aggregator-port", paramLabel = "PORT", defaultValue = "8545", description = "the aggregator's JSON-RPC port (default ${DEFAULT-VALUE})")
  int aggregatorPort;

  @Option(names = "--performer", paramLabel = "0xADDRESS[:BLS_KEY]",
      description = "register an external performer: its address, and for BLS the public key `avs keys` prints (x.re,x.im,y.re,y.im)")
  List<String> performers = new ArrayList<>();

  @Option(names = "--performers-file", paramLabel = "FILE", description = "register the external performers listed in FILE, one per line")
  Path performersFile;

  @Option(names = "--gateway", paramLabel = "URL", description = "the IPFS gateway attesters read proofs from (default: the performer's /ipfs/)")
  URI gateway;

  @Option(names = "--task", paramLabel = "ID", defaultValue = "0",
      description = "the taskDefinitionId each trigger runs (default ${DEFAULT-VALUE}); with --tasks-file, one of its tasks")
  int task;

  @Option(names = "--input", paramLabel = "JSON", description = "the input each trigger carries (default: none)")
  String input;

  @Option(names = "--chain-id", paramLabel = "ID",
      description = "the chain id the aggregator answers to eth_chainId and net_version (default: the first chain of L2_CHAIN, else 31337)")
  Long chainId;

  @Option(names = "--offline", description = "use the local price feed without trying the real exchange")
  boolean offline;

  @Option(names = "--every", paramLabel = "DURATION",
      description = "let the performer's own interval trigger start the tasks (SCHEDULE=TASK:DURATION, e.g. 2s) instead of triggering them over HTTP")
  String every;

  @Option(names = "--exchange-fault", paramLabel = "EXCHANGE:down|slow|lie",
      description = "make one exchange of the local price feed fail (HTTP 503), lag (8 s) or lie (10 %% high), for the multi-source "
          + "oracle (--tasks 0=price-median); exchanges: binance, coinbase, kraken, okx, bybit, bitstamp (repeatable)")
  List<String> exchangeFaults = new ArrayList<>();

  @Option(names = "--verbose", description = "also show the services' own log lines (default: warnings only, unless LOG_LEVEL is set)")
  boolean verbose;

  public DevnetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = context.out();
    checkNumbers();
    Devnet.DishonestPerformer cheat = dishonestPerformer();
    Performers registered = registeredPerformers();
    if (!verbose && !context.environment().containsKey("LOG_LEVEL")) {
      quietServiceLogs();
    }
    out.println("== devnet: a LOCAL STAND-IN for an Othentic AVS network, running on this machine. It is not the Othentic network. ==");
    Map<String, String> keyVariables = new HashMap<>(keyVariables(out));
    if (every != null) {
      keyVariables.put("SCHEDULE", task + ":" + every);
    }
    Settings base = options.loadOverriding(context, keyVariables);
    Optional<URI> exchange = exchange(base, out);
    boolean temporary = options.dataDir == null;
    Path dataDir = temporary ? Files.createTempDirectory("avs-devnet-") : options.dataDir;
    JourneyPrinter journey = new JourneyPrinter(out);
    Devnet.Options devnetOptions = new Devnet.Options(base.server().bindAddress(), freeOr(base.server().bindAddress(), aggregatorPort, "aggregator", out),
        freeOr(base.server().bindAddress(), base.server().port(), "execution service", out), attesters, dishonestAttester, cheat, exchange,
        LocalPriceFeed.Fault.parse(exchangeFaults), Optional.ofNullable(gateway), dataDir, registered, chainId(base), variables -> {
          Map<String, String> all = new HashMap<>(keyVariables);
          all.putAll(variables);
          return options.loadOverriding(context, all);
        });
    Thread main = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Thread stop = new Thread(() -> {
      stopping = true;
      main.interrupt();
      try {
        finished.await(20, TimeUnit.SECONDS); // the summary is printed and everything closed before the JVM goes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "devnet-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try (Devnet devnet = Devnet.start(devnetOptions, journey)) {
      journey.performer(devnet.performerAddress());
      describe(devnet, base, registered, cheat, out);
      int triggered = run(devnet, journey);
      Thread.interrupted(); // a stop request's interrupt must not cut the summary or the closing short
      return journey.summary(triggered, cheat) ? 0 : 1;
    } finally {
      if (temporary) {
        deleteQuietly(dataDir);
      }
      finished.countDown();
      if (!stopping) {
        Runtime.getRuntime().removeShutdownHook(stop);
      }
    }
  }

  /** --chain-id, else the first chain the operator's L2_CHAIN serves, else the local chain id tools expect (31337). */
  private long chainId(Settings base) {
    if (chainId != null) {
      return chainId;
    }
    return base.targetChains().served().keySet().stream().findFirst().orElse(NodeStandIn.DEFAULT_CHAIN_ID);
  }

  /**
   * Triggers tasks one after another, each followed through to its decision, until the count is reached or the
   * process is told to stop; returns how many were triggered.
   */
  private int run(Devnet devnet, JourneyPrinter journey) {
    if (every != null) {
      return watchSchedule(journey);
    }
    int n = 0;
    try {
      while ((count == 0 || n < count) && !stopping) {
        n++;
        journey.print("task " + n + ": triggered" + (task == 0 && inputNode == null ? "" : " (taskDefinitionId " + task
            + (inputNode == null ? "" : ", input " + inputNode) + ")"));
        follow(devnet, journey);
        if (count == 0 || n < count) {
          Thread.sleep(intervalMs);
        }
      }
    } catch (InterruptedException e) {
      journey.print("stopping: the task under way is counted as it stands");
    }
    return n;
  }

  /** With --every: the performer's interval trigger starts the tasks; this waits for --count of them to be decided. */
  private int watchSchedule(JourneyPrinter journey) {
    journey.print("scheduled: the performer's interval trigger starts task " + task + " every " + every + " (GET /triggers on the performer shows it)");
    long started = System.nanoTime();
    try {
      while ((count == 0 || journey.decidedOurs() < count) && !stopping) {
        Thread.sleep(100);
        if (count > 0 && System.nanoTime() - started > DECISION_WAIT.toNanos() * count) {
          journey.print("stopping: fewer than " + count + " scheduled tasks were decided in time");
          break;
        }
      }
    } catch (InterruptedException e) {
      journey.print("stopping: the tasks under way are counted as they stand");
    }
    return Math.max(journey.decidedOurs(), count == 0 ? journey.decidedOurs() : count);
  }

  private void follow(Devnet devnet, JourneyPrinter journey) throws InterruptedException {
    Devnet.Triggered result = devnet.trigger(task, inputNode);
    if (result.status() == 200 && result.proofOfTask().isPresent()) {
      String cid = result.proofOfTask().get();
      journey.print("  " + JourneyPrinter.label(cid) + "  acknowledged to the performer in " + result.took().toMillis() + " ms: proof " + cid
          + ", data " + result.data().orElse("?"));
      if (devnet.awaitOutcome(cid, DECISION_WAIT).isEmpty()) {
        journey.print("  " + JourneyPrinter.label(cid) + "  no decision within " + DECISION_WAIT.toSeconds() + " s");
      }
    } else {
      journey.print("  the execution service answered HTTP " + result.status() + ": " + result.message());
    }
  }

  private void describe(Devnet devnet, Settings base, Performers registered, Devnet.DishonestPerformer cheat, PrintStream out) {
    out.println("-> aggregator (sendTask, sendCustomMessage; verifies ECDSA and BLS): " + devnet.aggregatorUrl()
        + "   point OTHENTIC_CLIENT_RPC_ADDRESS here");
    out.println("-> performer: this execution service at " + devnet.executionUrl() + ", address " + devnet.performerAddress() + ", "
        + base.signatureType().wireName() + (cheat == Devnet.DishonestPerformer.NONE ? "" : ", DISHONEST: " + cheat.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    for (int i = 0; i < devnet.attesters().size(); i++) {
      var attester = devnet.attesters().get(i);
      out.println("-> " + attester.name() + ": validation service " + attester.validateUrl() + (attester.dishonest() ? "  DISHONEST" : ""));
    }
    out.println("-> prices: " + devnet.priceSource());
    out.println("-> registered performers: " + registered.size() + "; quorum: attested with at least 2/3 approvals, rejected with more than 1/3 refusals");
    out.println("-> trigger more with: curl -X POST " + devnet.executionUrl() + "/task/execute"
        + (count == 0 ? "   (Ctrl-C stops)" : ""));
    out.println();
    out.flush();
  }

  private void checkNumbers() {
    List<String> problems = new ArrayList<>();
    if (count < 0) {
      problems.add("--count must be 0 (until stopped) or more, got " + count);
    }
    if (intervalMs < 0) {
      problems.add("--interval-ms must be 0 or more, got " + intervalMs);
    }
    if (task < 0 || task > 65535) {
      problems.add("--task must be a taskDefinitionId from 0 to 65535, got " + task);
    }
    if (input != null) {
      try {
        inputNode = avs.execution.json.Json.STRICT_READER.readTree(input);
      } catch (tools.jackson.core.JacksonException e) {
        problems.add("--input must be JSON (got " + input + "): " + e.getOriginalMessage());
      }
    }
    if (chainId != null && chainId < 1) {
      problems.add("--chain-id must be a chain id of 1 or more, got " + chainId);
    }
    if (attesters < 1 || attesters > 100) {
      problems.add("--attesters must be from 1 to 100, got " + attesters);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private Performers registeredPerformers() {
    Performers registered = new Performers();
    try {
      performers.forEach(registered::register);
      if (performersFile != null) {
        registered.registerFile(performersFile);
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
    return registered;
  }

  /** The journey says what the services' info lines would; their warnings and errors still show. */
  private static void quietServiceLogs() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("avs.execution")).setLevel(Level.WARN);
    // refusals and dead tasks are warnings in production; here each is a journey line already
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("avs.execution.validation")).setLevel(Level.ERROR);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("avs.execution.pipeline")).setLevel(Level.ERROR);
  }

  private Devnet.DishonestPerformer dishonestPerformer() {
    if (dishonestPerformer == null) {
      return Devnet.DishonestPerformer.NONE;
    }
    return switch (dishonestPerformer.toLowerCase(Locale.ROOT)) {
      case "wrong-price" -> Devnet.DishonestPerformer.WRONG_PRICE;
      case "bad-signature" -> Devnet.DishonestPerformer.BAD_SIGNATURE;
      default -> throw new ConfigException(List.of("--dishonest-performer must be wrong-price or bad-signature (got \"" + dishonestPerformer + "\")"));
    };
  }

  /** A throwaway key when none is configured; for BLS without PERFORMER_ADDRESS, the key's own address. */
  private Map<String, String> keyVariables(PrintStream out) {
    Map<String, String> variables = new HashMap<>();
    Settings settings = options.loadOverriding(context, variables);
    String keyText;
    if (settings.privateKey().isEmpty()) {
      byte[] throwaway = new byte[32];
      new SecureRandom().nextBytes(throwaway);
      keyText = "0x" + HexFormat.of().formatHex(throwaway);
      variables.put("PRIVATE_KEY_PERFORMER", keyText);
      out.println("-> no PRIVATE_KEY_PERFORMER configured: the performer signs with a throwaway key made for this run");
    } else {
      keyText = settings.privateKey().get().reveal();
    }
    if (settings.signatureType() == SignatureType.BLS && settings.performerAddress().isEmpty()) {
      variables.put("PERFORMER_ADDRESS", Secp256k1Key.parse(keyText, "PRIVATE_KEY_PERFORMER").address());
      out.println("-> BLS without PERFORMER_ADDRESS: the key's own ECDSA address stands in for the controller address");
    }
    return variables;
  }

  private Optional<URI> exchange(Settings settings, PrintStream out) {
    URI base = settings.oracle().baseUrl();
    if (offline) {
      out.println("-> --offline: a LOCAL PRICE FEED (simulated prices, NOT market data)");
      return Optional.empty();
    }
    Optional<String> problem = ExchangeProbe.problem(base, Duration.ofSeconds(3));
    if (problem.isEmpty()) {
      out.println("-> exchange reachable: real prices from " + base);
      return Optional.of(base);
    }
    out.println("-> the exchange " + base + " cannot be used: " + problem.get() + ".");
    out.println("   Using a LOCAL PRICE FEED on this machine instead: simulated prices, NOT market data.");
    return Optional.empty();
  }

  /** The port, or 0 (any free port) with a notice when something already listens there. */
  private static int freeOr(String host, int port, String what, PrintStream out) {
    if (port == 0) {
      return 0;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, port));
      return port;
    } catch (IOException e) {
      out.println("-> port " + port + " is in use, so the " + what + " takes a free port instead (shown below)");
      return 0;
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory left behind is not worth failing the run for
    }
  }
}
