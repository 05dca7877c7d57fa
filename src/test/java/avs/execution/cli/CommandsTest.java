package avs.execution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.Main;
import avs.execution.devnet.LocalPriceFeed;
import avs.execution.task.price.Exchange;
import avs.execution.devnet.NodeStandIn;
import avs.execution.json.Json;
import avs.execution.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Commands run in-process with their own environment and streams. */
class CommandsTest {
  private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, Map<String, String> env, String... args) {
    CliContext context = new CliContext(env, dir, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return Main.run(args, context);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void cidPrintsWhatIpfsAddPrintsForEachFile() throws IOException {
    Files.write(dir.resolve("big.bin"), Fixtures.lcgContent(3 * 262144 + 17));
    Files.writeString(dir.resolve("hello.txt"), "hello");
    assertThat(run("", Map.of(), "cid", "big.bin", "hello.txt")).isZero();
    assertThat(out().lines()).containsExactly("QmTaNvS7W6YonDXDHnFwWj3jfLhiU4FdQsy79Z6smqJKGS", "QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX");
  }

  @Test
  void cidVersionOneAndStdin() {
    assertThat(run("hello", Map.of(), "cid", "--cid-version", "1", "-")).isZero();
    assertThat(out().strip()).isEqualTo("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");
  }

  @Test
  void cidOfAMissingFileSaysSoAndFails() {
    assertThat(run("", Map.of(), "cid", "nope.bin")).isEqualTo(1);
    assertThat(err()).contains("cannot read nope.bin");
  }

  @Test
  void signPrintsTheSendTaskParamsOfTheGoldenVectors() {
    StringBuilder lines = new StringBuilder();
    Fixtures.stream(Fixtures.load("vectors/othentic-sendtask.json").get("vectors")).forEach(v -> lines.append(Json.text(Json.object()
        .put("privateKey", v.get("privateKey").asString())
        .put("proofOfTask", v.get("proofOfTask").asString())
        .put("data", v.get("dataHex").asString())
        .put("taskDefinitionId", v.get("taskDefinitionId").asInt()))).append('\n'));
    assertThat(run(lines.toString(), Map.of(), "sign")).isZero();
    var vectors = Fixtures.load("vectors/othentic-sendtask.json").get("vectors");
    var printed = out().lines().toList();
    assertThat(printed).hasSize(vectors.size());
    for (int i = 0; i < printed.size(); i++) {
      JsonNode params = Json.MAPPER.readTree(printed.get(i));
      JsonNode v = vectors.get(i);
      assertThat(params.size()).isEqualTo(5);
      assertThat(params.get(0).asString()).isEqualTo(v.get("proofOfTask").asString());
      assertThat(params.get(1).asString()).isEqualTo(v.get("dataHex").asString());
      assertThat(params.get(2).asInt()).isEqualTo(v.get("taskDefinitionId").asInt());
      assertThat(params.get(3).asString()).isEqualTo(v.get("ecdsa").get("signerAddress").asString());
      assertThat(params.get(4).asString()).matches("0x[0-9a-f]{130}");
    }
  }

  @Test
  void signWithExplicitPerformerReproducesTheVectorSignatureAndWarns() {
    JsonNode v = Fixtures.load("vectors/othentic-sendtask.json").get("vectors").get(1);
    String line = Json.text(Json.object().put("privateKey", v.get("privateKey").asString()).put("proofOfTask", v.get("proofOfTask").asString())
        .put("data", v.get("dataHex").asString()).put("taskDefinitionId", v.get("taskDefinitionId").asInt())
        .put("performerAddress", v.get("performerAddress").asString()).put("signatureType", "ecdsa").put("targetChainId", 84532));
    assertThat(run(line + "\n", Map.of(), "sign")).isZero();
    JsonNode params = Json.MAPPER.readTree(out().strip());
    assertThat(params.get(4).asString()).isEqualTo(v.get("ecdsa").get("signatureOverMessageHash").asString());
    assertThat(params.get(5).asString()).isEqualTo("ecdsa");
    assertThat(params.get(6).asLong()).isEqualTo(84532);
    assertThat(err()).contains("line 1: warning: performerAddress is not the key's address");
  }

  @Test
  void signReportsBadLinesByNumberWithoutTheKeyAndGoesOn() {
    String good = "{\"privateKey\":\"" + KEY + "\",\"proofOfTask\":\"Qm\",\"data\":\"0x\",\"taskDefinitionId\":1}";
    String badKey = "{\"privateKey\":\"0x1234abcd\",\"proofOfTask\":\"Qm\",\"data\":\"0x\",\"taskDefinitionId\":1}";
    String badData = "{\"privateKey\":\"" + KEY + "\",\"proofOfTask\":\"Qm\",\"data\":\"68656c6c6f\",\"taskDefinitionId\":1}";
    String badId = "{\"privateKey\":\"" + KEY + "\",\"proofOfTask\":\"Qm\",\"data\":\"0x\",\"taskDefinitionId\":70000}";
    assertThat(run(String.join("\n", good, badKey, "not json", badData, badId, good), Map.of(), "sign")).isEqualTo(1);
    assertThat(out().lines()).hasSize(2);
    assertThat(err()).contains("line 2: privateKey is not 32 bytes of hex").contains("line 3: not valid JSON")
        .contains("line 4: data must start with 0x").contains("line 5: taskDefinitionId")
        .doesNotContain("1234abcd").doesNotContain(KEY.substring(2));
  }

  @Test
  void serveWithABadKeyStopsWithAClearMessageThatNeverShowsTheKey() {
    String badKey = "0x" + "ab".repeat(31);
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", badKey, "PORT", "0"), "serve")).isEqualTo(2);
    assertThat(err()).contains("PRIVATE_KEY_PERFORMER is not 32 bytes of hex (got 62 hex digits").doesNotContain("abab");
  }

  @Test
  void serveWithBlsButNoPerformerAddressSaysWhatIsMissing() {
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", KEY, "SIGNATURE_TYPE", "bls", "PORT", "0"), "serve")).isEqualTo(2);
    assertThat(err()).contains("SIGNATURE_TYPE=bls needs PERFORMER_ADDRESS");
  }

  @Test
  void serveWithoutAKeyNamesTheVariable() {
    assertThat(run("", Map.of("PORT", "0"))).isEqualTo(2);
    assertThat(err()).contains("PRIVATE_KEY_PERFORMER is not set");
  }

  @Test
  void helpListsTheCommandsAndNoSecret() {
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", KEY), "--help")).isZero();
    assertThat(out()).contains("serve").contains("validate").contains("devnet").contains("custom-message").contains("cid").contains("sign").doesNotContain(KEY.substring(2));
    out.reset();
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", KEY), "serve", "--help")).isZero();
    assertThat(out()).contains("--node-rpc").doesNotContain(KEY.substring(2));
  }

  @Test
  void signWithBlsPrintsExactlyTheReferencesParams() {
    StringBuilder lines = new StringBuilder();
    var vectors = Fixtures.load("vectors/othentic-sendtask.json").get("vectors");
    vectors.forEach(v -> lines.append(Json.text(Json.object()
        .put("privateKey", v.get("privateKey").asString()).put("proofOfTask", v.get("proofOfTask").asString())
        .put("data", v.get("dataHex").asString()).put("taskDefinitionId", v.get("taskDefinitionId").asInt())
        .put("performerAddress", v.get("performerAddress").asString()).put("signatureType", "bls"))).append('\n'));
    assertThat(run(lines.toString(), Map.of(), "sign")).isZero();
    var printed = out().lines().toList();
    for (int i = 0; i < vectors.size(); i++) {
      assertThat(printed.get(i)).isEqualTo(Json.text(vectors.get(i).get("sendTaskParamsBls")));
    }
  }

  @Test
  void signWithBlsNeedsThePerformerAddress() {
    String line = "{\"privateKey\":\"" + KEY + "\",\"proofOfTask\":\"Qm\",\"data\":\"0x\",\"taskDefinitionId\":1,\"signatureType\":\"bls\"}";
    assertThat(run(line, Map.of(), "sign")).isEqualTo(1);
    assertThat(err()).contains("line 1: performerAddress is required with signatureType \"bls\"");
  }

  @Test
  void keysShowsTheBlsPublicKeyInOnChainOrderAndNoSecret() {
    JsonNode v = Fixtures.load("vectors/othentic-sendtask.json").get("vectors").get(0);
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", v.get("privateKey").asString(), "SIGNATURE_TYPE", "bls",
        "PERFORMER_ADDRESS", v.get("performerAddress").asString()), "keys")).isZero();
    assertThat(out()).contains("performer address:     " + v.get("performerAddress").asString())
        .contains("key string canonical:  yes");
    v.get("bls").get("publicKeyG2_solidityOrder_x0x1y0y1").forEach(c -> assertThat(out()).contains(c.asString()));
    String registration = out().lines().filter(l -> l.startsWith("register with a devnet: avs devnet --performer ")).findFirst().orElseThrow();
    avs.execution.devnet.Performers performers = new avs.execution.devnet.Performers();
    performers.register(registration.substring(registration.lastIndexOf(' ') + 1));
    assertThat(performers.blsKey(v.get("performerAddress").asString())).isPresent();
    assertThat(out() + err()).doesNotContain(v.get("privateKey").asString().substring(2));
  }

  @Test
  void keysSaysWhenTheKeyStringIsNotCanonical() {
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", KEY.toUpperCase().replace("0X", "0x")), "keys")).isZero();
    assertThat(out()).contains("key string canonical:  NO");
  }

  @Test
  void devnetWithBlsHasEveryTaskCheckedByPairingAndAttested() {
    int exit = run("", Map.of("LOG_LEVEL", "WARN"), "devnet", "--offline", "--signature-type", "bls", "--count", "2", "--interval-ms", "0",
        "--port", "0", "--aggregator-port", "0", "--data-dir", dir.resolve("data").toString());
    assertThat(exit).as(out() + err()).isZero();
    assertThat(out()).contains("== 2 triggered: 2 attested").contains("BLS without PERFORMER_ADDRESS");
    assertThat(out().lines().filter(l -> l.contains("signed (bls)") && l.contains("BLS pairing check passed"))).hasSize(2);
    assertThat(dir.resolve("data").resolve("performer").resolve("outbox.db")).exists();
  }

  @Test
  void keysComeFromAKeystoreWithAPasswordFileOrFromAKeyFile() throws IOException {
    JsonNode fixtures = Fixtures.load("fixtures/keystore-fixtures.json");
    Path keystore = dir.resolve("keystore.json");
    Files.writeString(keystore, Json.text(fixtures.get("keystores").get(0).get("json")));
    Path password = dir.resolve("password.txt");
    Files.writeString(password, fixtures.get("password").asString() + "\n");
    assertThat(run("", Map.of("KEYSTORE_FILE", keystore.toString(), "KEYSTORE_PASSWORD_FILE", password.toString()), "keys")).isZero();
    assertThat(out()).contains("ECDSA address of key:  " + fixtures.get("address").asString());

    out.reset();
    Path keyFile = dir.resolve("key.txt");
    Files.writeString(keyFile, fixtures.get("privateKey").asString() + "\n");
    assertThat(run("", Map.of("PRIVATE_KEY_FILE", keyFile.toString()), "keys")).isZero();
    assertThat(out()).contains(fixtures.get("address").asString());
  }

  @Test
  void aWrongKeystorePasswordOrAMissingFileStopsStartUpWithoutLeakingAnything() throws IOException {
    JsonNode fixtures = Fixtures.load("fixtures/keystore-fixtures.json");
    Path keystore = dir.resolve("keystore.json");
    Files.writeString(keystore, Json.text(fixtures.get("keystores").get(2).get("json")));
    assertThat(run("", Map.of("KEYSTORE_FILE", keystore.toString(), "KEYSTORE_PASSWORD", "hunter2-wrong", "PORT", "0"), "serve")).isEqualTo(2);
    assertThat(err()).contains("KEYSTORE_FILE " + keystore + ": wrong password").doesNotContain("hunter2-wrong")
        .doesNotContain(fixtures.get("privateKey").asString().substring(2));
    err.reset();
    assertThat(run("", Map.of("PRIVATE_KEY_FILE", dir.resolve("nope.txt").toString(), "PORT", "0"), "serve")).isEqualTo(2);
    assertThat(err()).contains("PRIVATE_KEY_FILE " + dir.resolve("nope.txt") + " cannot be read");
    err.reset();
    assertThat(run("", Map.of("KEYSTORE_FILE", keystore.toString(), "PRIVATE_KEY_PERFORMER", KEY, "PORT", "0"), "serve")).isEqualTo(2);
    assertThat(err()).contains("set only one of").doesNotContain(KEY.substring(2));
  }

  @Test
  void tasksShowsTheOutboxAndRequeuesDeadTasks() {
    java.time.Instant now = java.time.Instant.now();
    try (avs.execution.outbox.Outbox outbox = avs.execution.outbox.Outbox.embedded(dir.resolve("outbox.db"), java.time.Clock.systemUTC())) {
      for (String id : java.util.List.of("dead-1", "dead-2")) {
        outbox.admit(avs.execution.outbox.TaskRecord.received(id, java.util.Optional.empty(), 0, java.util.OptionalLong.empty(), java.util.Optional.empty(), now,
            now.plusSeconds(60)), now);
        outbox.signed(id, "QmProof" + id, "1", "[]");
        outbox.dead(id, 3, "no acknowledgement after 3 attempts");
      }
    }
    assertThat(run("", Map.of(), "tasks", "--data-dir", dir.toString())).isZero();
    assertThat(out()).contains("dead          2").contains("dead-1").contains("last error: no acknowledgement after 3 attempts");
    out.reset();
    assertThat(run("", Map.of(), "tasks", "--data-dir", dir.toString(), "--requeue-dead", "dead-1", "no-such-task")).isEqualTo(1);
    assertThat(out()).contains("re-queued 1 dead task").contains("1 of the ids given were not dead");
    out.reset();
    assertThat(run("", Map.of(), "tasks", "--data-dir", dir.toString(), "--requeue-dead")).isZero();
    assertThat(out()).contains("re-queued 1 dead task");
    out.reset();
    assertThat(run("", Map.of(), "tasks", "--data-dir", dir.toString(), "--state", "pending")).isZero();
    assertThat(out()).contains("pending       2");
    assertThat(run("", Map.of(), "tasks", "--data-dir", dir.toString(), "--state", "lost")).isEqualTo(2);
    assertThat(err()).contains("--state must be one of");
  }

  @Test
  void devnetRunsTheRoundTripOfflineAndStopsAfterTheCount() {
    int code = run("", Map.of("LOG_LEVEL", "WARN"), "devnet", "--count", "2", "--interval-ms", "50", "--offline", "--port", "0", "--aggregator-port", "0");
    assertThat(code).as(out() + err()).isZero();
    assertThat(out()).contains("LOCAL STAND-IN for an Othentic AVS network").contains("It is not the Othentic network")
        .contains("LOCAL PRICE FEED").contains("throwaway key")
        .contains("task 1: triggered").contains("task 2: triggered").contains("received by the aggregator")
        .contains("attester-3 ✓ approves").contains("ATTESTED — 3 approve, 0 refuse (of 3)")
        .contains("== 2 triggered: 2 attested").contains("every task was attested");
  }

  @Test
  void devnetRefusesUnknownOptionsBeforeStartingAnything() {
    assertThat(run("", Map.of(), "devnet", "--dishonest-performer", "lazy", "--offline")).isEqualTo(2);
    assertThat(err()).contains("--dishonest-performer must be wrong-price or bad-signature");
    assertThat(run("", Map.of(), "devnet", "--performer", "0x1234", "--offline")).isEqualTo(2);
    assertThat(err()).contains("the address must be 0x + 40 hex digits");
    assertThat(run("", Map.of(), "devnet", "--attesters", "0", "--interval-ms", "-1", "--offline")).isEqualTo(2);
    assertThat(err()).contains("--attesters must be from 1 to 100").contains("--interval-ms must be 0 or more");
  }

  @Test
  void customMessageIsSentToTheNode() {
    java.util.List<NodeStandIn.CustomMessage> gossiped = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var node = NodeStandIn.startAggregator("127.0.0.1", 0, NodeStandIn.DEFAULT_CHAIN_ID, new avs.execution.devnet.Performers(), t -> {},
        gossiped::add)) {
      String url = "http://127.0.0.1:" + node.port() + "/";
      assertThat(run("", Map.of(), "custom-message", "--node-rpc", url, "0x68656c6c6f")).isZero();
      assertThat(run("", Map.of(), "custom-message", "--node-rpc", url, "--text", "hi")).isZero();
      assertThat(run("", Map.of(), "custom-message", "--node-rpc", url, "--task-definition-id", "7", "--text", "for seven")).isZero();
      assertThat(out()).contains("sent 9 bytes for task definition 7 to " + url + "; the node answered true");
      assertThat(gossiped).extracting(m -> new String(m.data(), StandardCharsets.UTF_8)).containsExactly("hello", "hi", "for seven");
      assertThat(gossiped).extracting(NodeStandIn.CustomMessage::taskDefinitionId)
          .containsExactly(java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), java.util.OptionalInt.of(7));
      assertThat(run("", Map.of(), "custom-message", "--node-rpc", url, "hello")).isEqualTo(2);
      assertThat(err()).contains("MESSAGE must be 0x-hex");
      assertThat(run("", Map.of(), "custom-message", "--node-rpc", url, "--task-definition-id", "10002", "0x01")).isEqualTo(2);
      assertThat(err()).contains("--task-definition-id must be from 0 to 65535 and not one of the node's own ids");
    }
    assertThat(run("", Map.of(), "custom-message", "--node-rpc", "http://127.0.0.1:" + avs.execution.support.LoopbackServer.closedPort() + "/", "0x01"))
        .isEqualTo(1);
    assertThat(err()).contains("Othentic node: cannot connect");
  }

  @Test
  void everyCommandsHelpFormatsCleanly() {
    PrintStream systemErr = System.err;
    ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8)); // picocli's tracer writes there
    try {
      for (String command : new String[] {"serve", "validate", "devnet", "cid", "sign", "keys", "tasks", "standins", "custom-message"}) {
        assertThat(run("", Map.of(), command, "--help")).as(command).isZero();
      }
    } finally {
      System.setErr(systemErr);
    }
    assertThat(picocliWarnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    assertThat(out()).contains("ALLOWED_PRICE_DEVIATION").contains("--dishonest-performer");
  }

  @Test
  void tasksCheckDryRunsEachTaskAndShowsWhatItReturned() throws IOException {
    String factor = Path.of("examples/factor-python/factor.py").toAbsolutePath().toString();
    Files.writeString(dir.resolve("tasks.yaml"), "tasks:\n  - {id: 7, name: factor, adapter: {command: [python3, " + factor + "]}}\n"
        + "  - {id: 8, name: liar, adapter: {command: [python3, " + factor + "], env: {FACTOR_LIE: \"1\"}}}\n");
    assertThat(run("", Map.of(), "tasks", "check", "--input", "{\"n\":\"8051\"}")).as(err()).isZero();
    assertThat(out()).contains("2 tasks read: 7=factor,8=liar")
        .contains("execute:  data \"83\"").contains("validate: approved: 83 x 97 = 8051")
        .contains("execute:  data \"84\"").contains("validate: REFUSED: 84 x 95 is not 8051");
    assertThat(run("", Map.of(), "tasks", "check", "--input", "8={\"n\":\"13\"}")).isEqualTo(1);
    assertThat(out()).contains("execute:  FAILED: adapter liar: failed: 13 is prime");
  }

  @Test
  void tasksCheckShowsEveryPipelineStepWithItsValueTimeAndSourceStatus() throws IOException {
    try (LocalPriceFeed feed = LocalPriceFeed.start("127.0.0.1", 0, Map.of(Exchange.KRAKEN, LocalPriceFeed.Fault.DOWN))) {
      Files.writeString(dir.resolve("tasks.yaml"), """
          tasks:
            - id: 3
              name: eth-median
              pipeline:
                steps:
                  binance:  {http: {url: "${PRICE_SOURCES_BASE_URL}/api/v3/ticker/price?symbol=$(input.symbol)"}}
                  b:        {jsonparse: {input: binance, path: [price]}}
                  coinbase: {http: {url: "${PRICE_SOURCES_BASE_URL}/v2/prices/ETH-USD/spot"}}
                  c:        {jsonparse: {input: coinbase, path: [data, amount]}}
                  kraken:   {http: {url: "${PRICE_SOURCES_BASE_URL}/0/public/Ticker?pair=ETHUSD"}}
                  k:        {jsonparse: {input: kraken, path: [result, XETHZUSD, c, 0]}}
                  px:       {median: {inputs: [b, c, k], minAnswers: 2, maxDeviation: "2%"}}
                  out:      {multiply: {input: px, times: "100000000"}}
                data: out
                validate: {method: rerun, tolerance: "0.5%"}
                allowPrivateNetwork: true
            - id: 4
              builtin: price-median
          """);
      assertThat(run("", Map.of("PRICE_SOURCES_BASE_URL", feed.root()), "tasks", "check", "--input", "3={\"symbol\":\"ETHUSDT\"}")).as(out()).isZero();
      assertThat(out()).contains("2 tasks read: 3=eth-median,4=price-median")
          .contains("    step binance (http) GET ${PRICE_SOURCES_BASE_URL}/api/v3/ticker/price?symbol=ETHUSDT: HTTP 200")
          .contains("    step kraken (http) GET ${PRICE_SOURCES_BASE_URL}/0/public/Ticker?pair=ETHUSD: HTTP 503")
          .contains("    step k (jsonparse): FAILED: not run: its input kraken failed")
          .containsPattern("    step px \\(median\\) = [0-9.]+ \\([0-9]+ µs\\); used b, c; left out k: failed: ")
          .contains("validate: approved: re-ran the pipeline: out is")
          .containsPattern("    step median \\(median\\) = [0-9.]+ \\([0-9]+ µs\\); used binance_price, coinbase_price, okx_price, bybit_price, "
              + "bitstamp_price; left out kraken_price");
      String pipelineTask = out().substring(0, out().indexOf("4 price-median"));
      assertThat(pipelineTask).doesNotContain(feed.root()); // ${PRICE_SOURCES_BASE_URL} stays a variable in the proof and the output
    }
  }

  @Test
  void aBadTasksFileStopsEveryCommandWithEveryProblemAndExitCode2() throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), "tasks:\n  - {id: 3, adapter: {command: [no-such-program-xyz], timeout: forever}, colour: red}\n");
    assertThat(run("", Map.of("PRIVATE_KEY_PERFORMER", KEY), "serve", "--tasks-file", "broken.yaml", "--port", "0")).isEqualTo(2);
    assertThat(err()).contains("tasks[0].colour: unknown key").contains("tasks[0].adapter.timeout: must be a duration")
        .contains("tasks[0].adapter.command: no-such-program-xyz was not found on PATH").contains("Nothing was started");
    assertThat(run("", Map.of(), "tasks", "check", "broken.yaml")).isEqualTo(2);
  }

  @Test
  void adapterTestChecksTheContractCaseByCase() {
    String factor = Path.of("examples/factor-python/factor.py").toAbsolutePath().toString();
    assertThat(run("", Map.of(), "adapter", "test", "--input", "{\"n\":\"8051\"}", "python3", factor)).as(out()).isZero();
    assertThat(out()).contains("PASS  validate refuses the same proof with altered data").contains("all 6 cases passed");
    String misbehaving = Path.of("src/test/resources/adapters/misbehaving.py").toAbsolutePath().toString();
    assertThat(run("", Map.of(), "adapter", "test", "python3", misbehaving, "number-data")).isEqualTo(1);
    assertThat(out()).contains("FAIL  execute answers").contains("answered \"data\" of the wrong type");
  }
}
