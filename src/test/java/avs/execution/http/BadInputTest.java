package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.devnet.LocalPriceFeed;
import avs.execution.devnet.NodeStandIn;
import avs.execution.json.Json;
import avs.execution.support.ServiceHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Bad triggers each get a clear 4xx naming the field, nothing reaches the node, and the server keeps serving. */
class BadInputTest {
  @TempDir static Path dataDir;
  private static LocalPriceFeed exchange;
  private static NodeStandIn node;
  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    exchange = LocalPriceFeed.start("127.0.0.1", 0);
    node = NodeStandIn.start(0, task -> {});
    service = new ServiceHarness(dataDir, Map.of("ORACLE_BASE_URL", exchange.baseUrl(),
        "OTHENTIC_CLIENT_RPC_ADDRESS", "http://127.0.0.1:" + node.port() + "/", "MAX_BODY_BYTES", "4096"));
  }

  @AfterAll
  static void stop() {
    service.close();
    node.close();
    exchange.close();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"taskDefinitionId\":                    | 400 | body: is not valid JSON",
      "[1,2]                                     | 400 | body: must be a JSON object",
      "\"0\"                                     | 400 | body: must be a JSON object",
      "{\"taskDefinitionId\":-1}                 | 400 | taskDefinitionId: must be from 0 to 65535",
      "{\"taskDefinitionId\":65536}              | 400 | taskDefinitionId: must be from 0 to 65535",
      "{\"taskDefinitionId\":99999999999999999999999} | 400 | taskDefinitionId: must be from 0 to 65535",
      "{\"taskDefinitionId\":1.5}                | 400 | taskDefinitionId: must be a whole number",
      "{\"taskDefinitionId\":\"abc\"}            | 400 | taskDefinitionId: must be a whole number",
      "{\"taskDefinitionId\":\"-3\"}             | 400 | taskDefinitionId: must be a whole number",
      "{\"taskDefinitionId\":true}               | 400 | taskDefinitionId: must be a whole number",
      "{\"taskDefinitionID\":70000}              | 400 | taskDefinitionID: must be from 0 to 65535",
      "{\"taskDefinitionId\":1,\"taskDefinitionID\":2} | 400 | given twice",
      "{\"taskDefinitionId\":0,\"fakePrice\":1}  | 400 | fakePrice: is not accepted",
      "{\"taskDefinitionId\":0,\"taskDefintionId\":1} | 400 | taskDefintionId: is not a known field",
      "{\"targetChainId\":\"x\"}                 | 400 | targetChainId: must be a whole number",
      "{\"targetChainId\":0}                     | 400 | targetChainId: must be a chain id greater than 0",
  })
  void badTriggersAreClientErrorsNamingTheField(String body, int status, String message) {
    int sentBefore = node.received().size();
    HttpResponse<String> response = service.post("/task/execute", body);
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode envelope = Json.MAPPER.readTree(response.body());
    assertThat(envelope.get("error").asBoolean()).isTrue();
    assertThat(envelope.get("message").asString()).contains(message);
    assertThat(node.received()).hasSize(sentBefore);
    assertThat(service.post("/task/execute", "{\"taskDefinitionId\":\"1\"}").statusCode()).isEqualTo(200);
    assertThat(node.received()).hasSize(sentBefore + 1);
  }

  @Test
  void aHugeBodyIs413AndTheServerStillServes() {
    String huge = "{\"taskDefinitionId\":0,\"pad\":\"" + "x".repeat(10_000) + "\"}";
    HttpResponse<String> response = service.post("/task/execute", huge);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"error\":true").contains("4096");
    assertThat(service.post("/task/execute", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void anEmptyBodyRunsTaskZeroLikeTheReference() {
    HttpResponse<String> response = service.post("/task/execute", "");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).get("data").get("taskDefinitionId").asInt()).isZero();
  }
}
