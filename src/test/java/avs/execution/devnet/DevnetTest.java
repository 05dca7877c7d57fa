package avs.execution.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.config.SettingsLoader;
import avs.execution.task.price.Exchange;
import avs.execution.json.Json;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.EcdsaSigner;
import avs.execution.sign.Hex;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignedTask;
import avs.execution.sign.TaskMessage;
import avs.execution.submit.JsonRpcCode;
import avs.execution.support.LoopbackClient;
import avs.execution.support.NodePackages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole round trip in one process on loopback: our execution service performs, the stand-in aggregator checks
 * signatures, and attesters ask their own validation services. Also what an execution service in another language
 * sees: plain JSON-RPC calls to the aggregator.
 */
class DevnetTest {
  private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  private static final String OTHER_KEY = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dataDir;
  private final Recorder events = new Recorder();

  /** Every event, in order, for the assertions. */
  static final class Recorder implements Devnet.Events {
    final List<ReceivedTask> received = new CopyOnWriteArrayList<>();
    final List<Vote> votes = new CopyOnWriteArrayList<>();
    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    final List<String> gossip = new CopyOnWriteArrayList<>();
    final Map<String, Outcome> decidedByPerformer = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void received(ReceivedTask task) {
      received.add(task);
    }

    @Override
    public void voted(ReceivedTask task, Vote vote) {
      votes.add(vote);
    }

    @Override
    public void decided(ReceivedTask task, Outcome outcome) {
      outcomes.add(outcome);
      decidedByPerformer.put(task.performer().toLowerCase(java.util.Locale.ROOT), outcome);
    }

    @Override
    public void gossiped(NodeStandIn.CustomMessage message, int deliveredTo, int attesters) {
      gossip.add(deliveredTo + "/" + attesters);
    }
  }

  private Devnet start(Map<String, String> variables, boolean dishonestAttester, Devnet.DishonestPerformer cheat, Performers performers) {
    return start(variables, dishonestAttester, cheat, performers, Map.of());
  }

  private Devnet start(Map<String, String> variables, boolean dishonestAttester, Devnet.DishonestPerformer cheat, Performers performers,
      Map<Exchange, LocalPriceFeed.Fault> faults) {
    Map<String, String> base = new HashMap<>(Map.of("PRIVATE_KEY_PERFORMER", KEY, "EXCHANGE_TIMEOUT_MS", "2000", "NODE_TIMEOUT_MS", "5000"));
    base.putAll(variables);
    return Devnet.start(new Devnet.Options("127.0.0.1", 0, 0, 3, dishonestAttester, cheat, Optional.empty(), faults, Optional.empty(),
        dataDir, performers, NodeStandIn.DEFAULT_CHAIN_ID, overrides -> {
          Map<String, String> all = new HashMap<>(base);
          all.putAll(overrides);
          return SettingsLoader.load(all, Map.of(), dataDir.resolve("no.env"));
        }), events);
  }

  private Devnet start() {
    return start(Map.of(), false, Devnet.DishonestPerformer.NONE, new Performers());
  }

  /** Triggers n tasks and returns how the network decided each. */
  private static List<Outcome> run(Devnet devnet, int n) throws InterruptedException {
    List<Outcome> outcomes = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Devnet.Triggered triggered = devnet.trigger();
      assertThat(triggered.status()).as(triggered.message()).isEqualTo(200);
      outcomes.add(devnet.awaitOutcome(triggered.proofOfTask().orElseThrow(), WAIT).orElseThrow());
    }
    return outcomes;
  }

  @Test
  void ecdsaTasksAreAttestedByEveryAttester() throws InterruptedException {
    try (Devnet devnet = start()) {
      List<Outcome> outcomes = run(devnet, 4);
      assertThat(outcomes).allSatisfy(o -> {
        assertThat(o.kind()).isEqualTo(Outcome.Kind.ATTESTED);
        assertThat(o.approvals()).isEqualTo(3);
      });
      assertThat(events.received).hasSize(4).allSatisfy(t -> assertThat(t.verdict()).isEqualTo("signature recovers to the performer"));
      assertThat(events.votes).hasSize(12).allSatisfy(v -> assertThat(v.reason()).contains("from the current ETHUSDT price"));
    }
  }

  @Test
  void blsTasksAreAttestedAfterThePairingCheck() throws InterruptedException {
    String controller = Secp256k1Key.parse(OTHER_KEY, "test").address();
    try (Devnet devnet = start(Map.of("SIGNATURE_TYPE", "bls", "PERFORMER_ADDRESS", controller), false, Devnet.DishonestPerformer.NONE, new Performers())) {
      assertThat(devnet.performerAddress()).isEqualTo(controller);
      assertThat(run(devnet, 2)).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.ATTESTED));
      assertThat(events.received).allSatisfy(t -> assertThat(t.verdict()).contains("BLS pairing check passed"));
    }
  }

  @Test
  void theMultiSourceOracleIsAttestedOfflineWithOneExchangeLyingAndSaysItLeftItOut() throws InterruptedException {
    try (Devnet devnet = start(Map.of("TASK_DEFINITIONS", "0=price-median"), false, Devnet.DishonestPerformer.NONE, new Performers(),
        Map.of(Exchange.KRAKEN, LocalPriceFeed.Fault.LIE, Exchange.OKX, LocalPriceFeed.Fault.DOWN))) {
      assertThat(run(devnet, 2)).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.ATTESTED));
      assertThat(events.votes).hasSize(6).allSatisfy(v -> assertThat(v.reason()).startsWith("re-ran the pipeline: median is")
          .contains("the proof left out", "kraken_price", "more than maxDeviation 2 %", "okx_price", "HTTP 503"));
    }
  }

  @Test
  void aPerformerProvingWrongMedianPricesHasEveryTaskRejected() throws InterruptedException {
    try (Devnet devnet = start(Map.of("TASK_DEFINITIONS", "0=price-median"), false, Devnet.DishonestPerformer.WRONG_PRICE, new Performers())) {
      assertThat(run(devnet, 2)).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.REJECTED));
      assertThat(events.votes).allSatisfy(v -> assertThat(v.reason()).containsPattern("\\((19|20)(\\.[0-9]+)? % apart; tolerance 1 %\\); sources that differ: binance_price"));
    }
  }

  @Test
  void aPerformerProvingWrongPricesHasEveryTaskRejected() throws InterruptedException {
    try (Devnet devnet = start(Map.of(), false, Devnet.DishonestPerformer.WRONG_PRICE, new Performers())) {
      assertThat(run(devnet, 3)).allSatisfy(o -> {
        assertThat(o.kind()).isEqualTo(Outcome.Kind.REJECTED);
        assertThat(o.refusals()).isEqualTo(3);
      });
      assertThat(events.votes).allSatisfy(v -> assertThat(v.reason()).contains("allowed: 5 %").containsPattern("is (19|20)(\\.[0-9]+)? % from"));
    }
  }

  @Test
  void aPerformerWithBadSignaturesIsRefusedByTheAggregator() throws InterruptedException {
    try (Devnet devnet = start(Map.of(), false, Devnet.DishonestPerformer.BAD_SIGNATURE, new Performers())) {
      for (int i = 0; i < 2; i++) {
        Devnet.Triggered triggered = devnet.trigger();
        assertThat(triggered.status()).isEqualTo(502);
        assertThat(triggered.message()).contains("sendTask refused").contains("(JSON-RPC error -32001)");
      }
      assertThat(events.received).hasSize(2).allSatisfy(t -> assertThat(t.accepted()).isFalse());
      assertThat(events.outcomes).hasSize(2).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.REFUSED));
      assertThat(events.votes).isEmpty();
    }
  }

  @Test
  void oneDishonestAttesterOfThreeDoesNotStopAnHonestTask() throws InterruptedException {
    try (Devnet devnet = start(Map.of(), true, Devnet.DishonestPerformer.NONE, new Performers())) {
      assertThat(run(devnet, 3)).allSatisfy(o -> {
        assertThat(o.kind()).isEqualTo(Outcome.Kind.ATTESTED);
        assertThat(o.approvals()).isEqualTo(2);
        assertThat(o.refusals()).isEqualTo(1);
      });
      assertThat(events.votes.stream().filter(v -> v.kind() == Vote.Kind.REFUSE)).allSatisfy(v -> assertThat(v.attester()).isEqualTo("attester-3"));
    }
  }

  @Test
  void anExternalClientIsAcceptedWhenRegisteredAndSignedAndRefusedOtherwise() throws InterruptedException {
    Secp256k1Key external = Secp256k1Key.parse(OTHER_KEY, "test");
    Performers performers = new Performers();
    performers.registerAddress(external.address());
    try (Devnet devnet = start(Map.of(), false, Devnet.DishonestPerformer.NONE, performers);
         LoopbackClient client = new LoopbackClient(devnet.aggregatorUrl().getPort())) {
      // the external performer proves the same price with the same document our performer published, signing it itself
      Devnet.Triggered ours = devnet.trigger();
      TaskMessage message = new TaskMessage(ours.proofOfTask().orElseThrow(), ours.data().orElseThrow().getBytes(StandardCharsets.UTF_8), external.address(), 0);
      SignedTask signed = new EcdsaSigner(external).sign(message);

      JsonNode accepted = call(client, "sendTask", List.of(message.proofOfTask(), message.dataHex(), 0, external.address(), signed.signature()));
      assertThat(accepted.get("result").asBoolean()).as(accepted.toString()).isTrue();
      assertThat(events.received.getLast().performer()).isEqualTo(external.address());

      String badSignature = signed.signature().substring(0, 66) + (signed.signature().charAt(66) == '0' ? "1" : "0") + signed.signature().substring(67);
      JsonNode refused = call(client, "sendTask", List.of(message.proofOfTask(), message.dataHex(), 0, external.address(), badSignature));
      assertThat(refused.get("error").get("code").asInt()).isEqualTo(JsonRpcCode.INVALID_SIGNATURE.code());
      assertThat(refused.get("error").get("message").asString()).contains("not to the performer " + external.address());

      Secp256k1Key stranger = Secp256k1Key.parse("0x" + "11".repeat(32), "test");
      TaskMessage strangers = new TaskMessage(message.proofOfTask(), message.data(), stranger.address(), 0);
      JsonNode unregistered = call(client, "sendTask", List.of(strangers.proofOfTask(), strangers.dataHex(), 0, stranger.address(),
          new EcdsaSigner(stranger).sign(strangers).signature()));
      assertThat(unregistered.get("error").get("message").asString()).contains("is not a registered operator");

      String blsSignature = BlsSigner.fromKeyText(OTHER_KEY, external.address()).sign(message).signature();
      JsonNode noBlsKey = call(client, "sendTask", List.of(message.proofOfTask(), message.dataHex(), 0, external.address(), blsSignature, "bls"));
      assertThat(noBlsKey.get("error").get("message").asString()).contains("has no registered BLS public key");
    }
  }

  @Test
  void externalBlsPerformersAreCheckedAgainstTheirRegisteredKey() {
    Secp256k1Key controller = Secp256k1Key.parse(OTHER_KEY, "test");
    BlsSigner signer = BlsSigner.fromKeyText(OTHER_KEY, controller.address());
    Performers performers = new Performers();
    performers.register(Performers.spec(controller.address(), Optional.of(signer.publicKey())));
    try (Devnet devnet = start(Map.of(), false, Devnet.DishonestPerformer.NONE, performers);
         LoopbackClient client = new LoopbackClient(devnet.aggregatorUrl().getPort())) {
      TaskMessage message = new TaskMessage("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", new byte[] {1}, controller.address(), 0);
      JsonNode accepted = call(client, "sendTask", List.of(message.proofOfTask(), message.dataHex(), 0, controller.address(), signer.sign(message).signature(), "bls"));
      assertThat(accepted.has("result")).as(accepted.toString()).isTrue();
      String otherSignature = BlsSigner.fromKeyText(KEY, controller.address()).sign(message).signature();
      JsonNode refused = call(client, "sendTask", List.of(message.proofOfTask(), message.dataHex(), 0, controller.address(), otherSignature, "bls"));
      assertThat(refused.get("error").get("message").asString()).contains("pairing check failed");
    }
  }

  @Test
  void customMessagesAreGossipedToEveryAttester() {
    try (Devnet devnet = start();
         LoopbackClient client = new LoopbackClient(devnet.aggregatorUrl().getPort())) {
      JsonNode answer = call(client, "sendCustomMessage", List.of(Hex.encode("hello".getBytes(StandardCharsets.UTF_8))));
      assertThat(answer.get("result").asBoolean()).isTrue();
      assertThat(events.gossip).containsExactly("3/3");
      for (var validation : devnet.validationServices()) {
        assertThat(validation.messages().recent()).extracting(m -> m.data()).containsExactly("0x68656c6c6f");
      }
      JsonNode bad = call(client, "sendCustomMessage", List.of("hello"));
      assertThat(bad.get("error").get("code").asInt()).isEqualTo(JsonRpcCode.INVALID_PARAMS.code());
    }
  }

  private static JsonNode call(LoopbackClient client, String method, List<Object> params) {
    var call = Json.object().put("jsonrpc", "2.0").put("id", 7).put("method", method);
    var array = call.putArray("params");
    params.forEach(p -> {
      if (p instanceof Integer i) {
        array.add(i);
      } else {
        array.add(p.toString());
      }
    });
    HttpResponse<String> response = client.post("/", call.toString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("id").asInt()).isEqualTo(7);
    return answer;
  }

  /**
   * The client most performers use (the reference's): ethers v6 detects the network (eth_chainId), sends sendTask
   * and node 1.1's two-param sendCustomMessage, and batches calls that are pending together; all are answered,
   * and its task, proved with a proof attesters can read, is attested like our own.
   */
  @Test
  void anEthersV6PerformerIsServedAndItsTaskIsAttested() throws Exception {
    Path modules = NodePackages.install("ethers@6.16.0");
    String walletAddress = Secp256k1Key.parse(OTHER_KEY, "test").address();
    Performers performers = new Performers();
    performers.register(walletAddress, Optional.empty());
    try (Devnet devnet = start(Map.of(), false, Devnet.DishonestPerformer.NONE, performers)) {
      Devnet.Triggered ours = devnet.trigger(); // a real proof, readable through the performer's /ipfs/
      assertThat(ours.status()).as(ours.message()).isEqualTo(200);
      Path script = Path.of("src/test/resources/clients/ethers-devnet-client.cjs").toAbsolutePath();
      ProcessBuilder node = new ProcessBuilder("node", script.toString(), devnet.aggregatorUrl().toString(), OTHER_KEY,
          ours.proofOfTask().orElseThrow(), ours.data().orElseThrow()).redirectError(ProcessBuilder.Redirect.INHERIT);
      node.environment().put("NODE_PATH", modules.toString());
      Process client = node.start();
      String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(client.exitValue()).as(output).isZero();

      JsonNode report = Json.MAPPER.readTree(output);
      assertThat(report.get("chainId").asString()).isEqualTo("31337");
      assertThat(report.get("sendTask").asBoolean()).isTrue();
      assertThat(report.get("customMessage").asBoolean()).isTrue();
      assertThat(report.get("together").toString()).isEqualTo("[\"31337\",\"0x7a69\",true]");
      assertThat(report.get("requests").toString()).as("the first request is the network check")
          .startsWith("[\"eth_chainId\"").contains("[\"net_version\",\"eth_chainId\",\"sendCustomMessage\"]");
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> events.decidedByPerformer.containsKey(walletAddress.toLowerCase(java.util.Locale.ROOT)));
      Outcome theirs = events.decidedByPerformer.get(walletAddress.toLowerCase(java.util.Locale.ROOT));
      assertThat(theirs.kind()).as(theirs.tally()).isEqualTo(Outcome.Kind.ATTESTED);
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> events.gossip.size() == 2);
      assertThat(events.gossip).containsExactly("3/3", "3/3");
    }
  }

  /** The user's own tasks, from the example tasks file: an honest adapter's task is attested, a lying one's rejected. */
  @Test
  void theUsersOwnTasksAreAttestedAndALyingAdapterIsRejected() throws InterruptedException {
    Map<String, String> tasksFile = Map.of("TASKS_FILE", Path.of("examples/tasks.yaml").toAbsolutePath().toString());
    try (Devnet devnet = start(tasksFile, false, Devnet.DishonestPerformer.NONE, new Performers())) {
      JsonNode input = Json.MAPPER.readTree("{\"n\":\"8051\"}");
      Devnet.Triggered honest = devnet.trigger(7, input);
      assertThat(honest.status()).as(honest.message()).isEqualTo(200);
      assertThat(honest.data()).contains("83");
      Outcome attested = devnet.awaitOutcome(honest.proofOfTask().orElseThrow(), WAIT).orElseThrow();
      assertThat(attested.kind()).isEqualTo(Outcome.Kind.ATTESTED);
      assertThat(attested.votes()).allSatisfy(vote -> assertThat(vote.reason()).isEqualTo("83 x 97 = 8051"));

      Devnet.Triggered lie = devnet.trigger(8, input);
      assertThat(lie.status()).isEqualTo(200);
      Outcome rejected = devnet.awaitOutcome(lie.proofOfTask().orElseThrow(), WAIT).orElseThrow();
      assertThat(rejected.kind()).isEqualTo(Outcome.Kind.REJECTED);
      assertThat(rejected.votes()).allSatisfy(vote -> assertThat(vote.reason()).isEqualTo("84 x 95 is not 8051"));
    }
  }
}
