package avs.execution.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.EcdsaSigner;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignedTask;
import avs.execution.sign.TaskMessage;
import avs.execution.submit.SendTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** The stand-in as an external client sees it: plain JSON-RPC over HTTP, as a service in any language would call it. */
class NodeStandInTest {
  private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  private static final String CONTROLLER = "0x0000000000000000000000000000000000000001";
  private final NodeStandIn node = NodeStandIn.start(0, task -> {});
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    node.close();
    http.close();
  }

  private JsonNode call(String body) throws Exception {
    return call(URI.create("http://127.0.0.1:" + node.port() + "/"), body);
  }

  private JsonNode sendTask(ArrayNode params) throws Exception {
    var request = Json.object().put("jsonrpc", "2.0").put("id", 7).put("method", "sendTask");
    request.set("params", params);
    return call(Json.text(request));
  }

  private static TaskMessage message(String performer) {
    return new TaskMessage("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", new byte[] {1, 2, 3}, performer, 5);
  }

  @Test
  void aCorrectEcdsaTaskIsAcceptedAndAnotherKeysSignatureIsRefused() throws Exception {
    EcdsaSigner signer = new EcdsaSigner(Secp256k1Key.parse(KEY, "k"));
    JsonNode ok = sendTask(SendTask.of(signer.sign(message(signer.performerAddress())), OptionalLong.empty()).params());
    assertThat(ok.get("result").asBoolean()).isTrue();
    assertThat(ok.get("id").asInt()).isEqualTo(7);
    EcdsaSigner other = new EcdsaSigner(Secp256k1Key.parse("0x" + "11".repeat(32), "k"));
    SignedTask forged = new SignedTask(message(signer.performerAddress()), other.sign(message(signer.performerAddress())).signature(), signer.type());
    JsonNode refused = sendTask(SendTask.of(forged, OptionalLong.empty()).params());
    assertThat(refused.get("error").get("code").asInt()).isEqualTo(-32001);
    assertThat(refused.get("error").get("message").asString()).contains("not to the performer");
  }

  @Test
  void blsTasksAreCheckedByPairingAgainstTheRegisteredKey() throws Exception {
    BlsSigner signer = BlsSigner.fromKeyText(KEY, CONTROLLER);
    ArrayNode params = SendTask.of(signer.sign(message(CONTROLLER)), OptionalLong.of(84532)).params();
    JsonNode unregistered = sendTask(params);
    assertThat(unregistered.get("error").get("message").asString()).contains("has no registered BLS public key");

    node.registerBlsKey(CONTROLLER, signer.publicKey());
    assertThat(sendTask(params).get("result").asBoolean()).isTrue();

    BlsSigner wrongKey = BlsSigner.fromKeyText(KEY.toUpperCase().replace("0X", "0x"), CONTROLLER); // another BLS key
    JsonNode refused = sendTask(SendTask.of(wrongKey.sign(message(CONTROLLER)), OptionalLong.empty()).params());
    assertThat(refused.get("error").get("code").asInt()).isEqualTo(-32001);
    assertThat(refused.get("error").get("message").asString()).contains("pairing check failed");

    params.set(4, "{\"x\": \"0x1\", \"y\": \"0x2\"}");
    assertThat(sendTask(params).get("error").get("message").asString()).contains("bad BLS signature");
  }

  @Test
  void malformedCallsGetTheirJsonRpcErrors() throws Exception {
    assertThat(call("not json").get("error").get("code").asInt()).isEqualTo(-32700);
    assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[]}").get("error").get("code").asInt())
        .isEqualTo(-32601);
    assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTask\",\"method\":\"x\"}").get("error").get("code").asInt())
        .as("a property given twice is not guessed at").isEqualTo(-32700);
    assertThat(call("{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"sendTask\"}").path("id").asInt()).isEqualTo(4);
    JsonNode badParams = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTask\",\"params\":[\"Qm\",\"0x\",70000,\"0x01\",\"0x\"]}");
    assertThat(badParams.get("error").get("code").asInt()).isEqualTo(-32602);
    assertThat(badParams.get("error").get("message").asString()).contains("taskDefinitionId");
    assertThat(node.received()).isEmpty();
  }

  @Test
  void theChainIdIsAnsweredAsEthersAsksForIt() throws Exception {
    JsonNode chainId = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}");
    assertThat(chainId.get("result").asString()).isEqualTo("0x7a69");
    assertThat(chainId.get("id").asInt()).isEqualTo(1);
    assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":\"v\",\"method\":\"net_version\"}").get("result").asString()).isEqualTo("31337");
  }

  @Test
  void aBatchIsAnsweredEntryByEntryInOrderWithoutItsNotifications() throws Exception {
    EcdsaSigner signer = new EcdsaSigner(Secp256k1Key.parse(KEY, "k"));
    var task = Json.object().put("jsonrpc", "2.0").put("id", 3).put("method", "sendTask");
    task.set("params", SendTask.of(signer.sign(message(signer.performerAddress())), OptionalLong.empty()).params());
    String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"net_version\"}," // a notification: no answer
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}," + Json.text(task) + "]";
    JsonNode answers = call(batch);
    assertThat(answers.isArray()).isTrue();
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("result").asString()).isEqualTo("0x7a69");
    assertThat(answers.get(1).get("error").get("code").asInt()).isEqualTo(-32601);
    assertThat(answers.get(1).get("id").asInt()).isEqualTo(2);
    assertThat(answers.get(2).get("result").asBoolean()).isTrue();
    assertThat(answers.get(2).get("id").asInt()).isEqualTo(3);
    assertThat(node.received()).hasSize(1);
  }

  @Test
  void aBatchOfGarbageIsAnsweredPerEntry() throws Exception {
    JsonNode answers = call("[1, \"x\", null, {}, {\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"eth_chainId\"}]");
    assertThat(answers).hasSize(5);
    answers.forEach(answer -> {
      assertThat(answer.get("error").get("code").asInt()).isEqualTo(-32600);
      assertThat(answer.get("id").isNull()).isTrue();
    });
    assertThat(call("[]").get("error").get("code").asInt()).as("an empty batch is one invalid request").isEqualTo(-32600);
  }

  @Test
  void customMessagesTakeOneOrTwoParams() throws Exception {
    java.util.List<NodeStandIn.CustomMessage> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (NodeStandIn aggregator = NodeStandIn.startAggregator("127.0.0.1", 0, 84532, new Performers(), t -> {}, heard::add)) {
      URI url = URI.create("http://127.0.0.1:" + aggregator.port() + "/");
      assertThat(call(url, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendCustomMessage\",\"params\":[\"0x01\"]}").get("result").asBoolean()).isTrue();
      assertThat(call(url, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"sendCustomMessage\",\"params\":[\"0x0203\",5]}").get("result").asBoolean()).isTrue();
      JsonNode bad = call(url, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"sendCustomMessage\",\"params\":[\"0x01\",\"five\"]}");
      assertThat(bad.get("error").get("code").asInt()).isEqualTo(-32602);
      assertThat(call(url, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"eth_chainId\"}").get("result").asString()).isEqualTo("0x14a34");
      assertThat(heard).extracting(m -> m.data().length).containsExactly(1, 2);
      assertThat(heard).extracting(NodeStandIn.CustomMessage::taskDefinitionId)
          .containsExactly(java.util.OptionalInt.empty(), java.util.OptionalInt.of(5));
    }
  }

  private JsonNode call(URI url, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }
}
