package avs.execution.cli;

import avs.execution.ExecutionService;
import avs.execution.config.Settings;
import avs.execution.config.SettingsLoader;
import avs.execution.devnet.LocalPriceFeed;
import avs.execution.devnet.NodeStandIn;
import avs.execution.devnet.ReceivedTask;
import avs.execution.json.Json;
import avs.execution.proof.Cid;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignatureType;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The whole path on one machine with no external service: a local stand-in for the Othentic node that verifies
 * every signature, the embedded proof store, the real exchange if reachable (a labelled local price feed if not),
 * and the execution service itself, triggered over HTTP like a Performer would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline locally against a stand-in Othentic node and show each task go through.")
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  @Option(names = "--count", description = "how many tasks to trigger (default ${DEFAULT-VALUE})", defaultValue = "5")
  int count;

  @Option(names = "--interval-ms", description = "pause between tasks (default ${DEFAULT-VALUE})", defaultValue = "300")
  long intervalMs;

  @Option(names = "--offline", description = "do not try the real exchange; use the local price feed")
  boolean offline;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = context.out();
    out.println("== Othentic execution service demo: everything runs on this machine ==");
    out.println("   The node below is a LOCAL STAND-IN for the Othentic network, not the network itself.");
    LinkedBlockingQueue<ReceivedTask> received = new LinkedBlockingQueue<>();
    try (NodeStandIn node = NodeStandIn.start(0, received::add);
         HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
         LocalPriceFeed localFeed = needLocalFeed(http, out) ? LocalPriceFeed.start("127.0.0.1", 0) : null) {
      Map<String, String> overrides = new HashMap<>();
      overrides.put("OTHENTIC_CLIENT_RPC_ADDRESS", "http://127.0.0.1:" + node.port() + "/");
      overrides.put("PROOF_STORE", "embedded");
      if (localFeed != null) {
        overrides.put("ORACLE_BASE_URL", localFeed.baseUrl());
      }
      Settings settings = options.load(context, overrides);
      if (settings.privateKey().isEmpty()) {
        byte[] throwaway = new byte[32];
        new SecureRandom().nextBytes(throwaway);
        overrides.put("PRIVATE_KEY_PERFORMER", HexFormat.of().formatHex(throwaway));
        out.println("-> no PRIVATE_KEY_PERFORMER configured: signing with a throwaway key made for this demo only");
      }
      if (!portFree(settings.server().bindAddress(), settings.server().port())) {
        out.println("-> port " + settings.server().port() + " is in use; the service takes a free port instead");
        overrides.put("PORT", "0");
      }
      settings = options.load(context, overrides);
      if (settings.signatureType() == SignatureType.BLS) {
        settings = registerBlsPerformer(settings, overrides, node, out);
      }
      out.println("-> node stand-in (sendTask, verifies ECDSA and BLS) at http://127.0.0.1:" + node.port() + "/");
      try (ExecutionService service = ExecutionService.start(settings)) {
        String base = "http://127.0.0.1:" + service.port();
        out.println("-> execution service at " + base + "  performer " + service.performerAddress());
        out.println("-> proofs in the embedded store under " + settings.dataDir().toAbsolutePath().resolve("proofs"));
        out.println();
        int accepted = 0;
        for (int i = 1; i <= count; i++) {
          accepted += runOne(i, http, base, received, out) ? 1 : 0;
          if (i < count) {
            Thread.sleep(intervalMs);
          }
        }
        out.println();
        out.printf("== %d triggered, %d accepted by the node stand-in, %d failed ==%n", count, accepted, count - accepted);
        return accepted == count ? 0 : 1;
      }
    }
  }

  private boolean runOne(int n, HttpClient http, String base, LinkedBlockingQueue<ReceivedTask> received, PrintStream out) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(base + "/task/execute")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"taskDefinitionId\":0}")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode answer = Json.MAPPER.readTree(response.body());
    ReceivedTask atNode = received.poll(1, TimeUnit.SECONDS);
    if (response.statusCode() != 200) {
      out.printf("task %d: FAILED (HTTP %d) %s%n", n, response.statusCode(), answer.path("message").asString());
      if (atNode != null) {
        out.printf("        node stand-in: %s%n", atNode.verdict());
      }
      return false;
    }
    String cid = answer.path("data").path("proofOfTask").asString();
    out.printf("task %d: price %s → proof %s (%s)%n", n, answer.path("data").path("data").asString(), cid, proofCheck(http, base, cid));
    if (atNode != null) {
      out.printf("        signed %s by %s → node: %s%n", abbreviated(atNode.signature()), atNode.performer(),
          atNode.accepted() ? "ACCEPTED (" + atNode.verdict() + ")" : "REJECTED: " + atNode.verdict());
    }
    return atNode != null && atNode.accepted();
  }

  /** 0x3f63…811c for ECDSA, {"x":"0x20d4a3…","y":…9018"} for BLS: enough to tell signatures apart. */
  private static String abbreviated(String signature) {
    return signature.length() <= 24 ? signature
        : signature.substring(0, signature.startsWith("{") ? 14 : 10) + "…" + signature.substring(signature.length() - (signature.startsWith("{") ? 6 : 4));
  }

  /** Fetches the proof back from the service's IPFS route and checks its bytes hash to the CID. */
  private static String proofCheck(HttpClient http, String base, String cid) throws IOException, InterruptedException {
    HttpResponse<byte[]> proof = http.send(HttpRequest.newBuilder(URI.create(base + "/ipfs/" + cid)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return proof.statusCode() == 200 && Cid.parse(cid).matches(proof.body())
        ? "served at /ipfs/" + cid.substring(0, 8) + "…, bytes verified"
        : "NOT retrievable: HTTP " + proof.statusCode();
  }

  private boolean needLocalFeed(HttpClient http, PrintStream out) {
    String base = context.environment().getOrDefault("ORACLE_BASE_URL",
        options.oracleBaseUrl != null ? options.oracleBaseUrl : SettingsLoader.DEFAULT_ORACLE_BASE_URL);
    if (offline) {
      out.println("-> --offline: using a LOCAL PRICE FEED (simulated prices, NOT market data)");
      return true;
    }
    try {
      String url = (base.endsWith("/") ? base : base + "/") + "ticker/price?symbol=ETHUSDT";
      HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (probe.statusCode() == 200) {
        out.println("-> exchange reachable: using real prices from " + base);
        return false;
      }
      out.println("-> exchange " + base + " answered HTTP " + probe.statusCode() + ".");
    } catch (IOException | IllegalArgumentException e) {
      out.println("-> exchange " + base + " is unreachable (" + e.getClass().getSimpleName() + ").");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println("   Using a LOCAL PRICE FEED on 127.0.0.1 instead: simulated prices, NOT market data.");
    return true;
  }

  /** BLS: the node must know the performer's public key, as the network knows it from registration. */
  private Settings registerBlsPerformer(Settings settings, Map<String, String> overrides, NodeStandIn node, PrintStream out) {
    String keyText = settings.privateKey().orElseThrow().reveal();
    Secp256k1Key key;
    try {
      key = Secp256k1Key.parse(keyText, "PRIVATE_KEY_PERFORMER");
    } catch (IllegalArgumentException e) {
      return settings; // the service's start-up reports it
    }
    if (settings.performerAddress().isEmpty()) {
      overrides.put("PERFORMER_ADDRESS", key.address());
      out.println("-> BLS without PERFORMER_ADDRESS: this demo uses the key's own ECDSA address as the controller address");
      settings = options.load(context, overrides);
    }
    String performer = settings.performerAddress().orElseThrow();
    node.registerBlsKey(performer, BlsSigner.fromKeyText(keyText, performer).publicKey());
    out.println("-> registered the performer's BLS public key with the node stand-in (see `avs keys`)");
    return settings;
  }

  private static boolean portFree(String host, int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
