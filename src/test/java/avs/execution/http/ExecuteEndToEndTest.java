package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.devnet.LocalPriceFeed;
import avs.execution.devnet.NodeStandIn;
import avs.execution.devnet.ReceivedTask;
import avs.execution.json.Json;
import avs.execution.proof.Cid;
import avs.execution.sign.EcdsaVerifier;
import avs.execution.sign.Hex;
import avs.execution.sign.TaskMessage;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The happy path through real loopback servers: exchange feed, embedded proofs, a verifying node stand-in. */
class ExecuteEndToEndTest {
  @TempDir Path dataDir;
  private StandInUpstreams upstreams;
  private NodeStandIn node;
  private LocalPriceFeed exchange;

  @BeforeEach
  void upstreams() {
    upstreams = new StandInUpstreams();
    node = upstreams.node;
    exchange = upstreams.exchange;
  }

  @AfterEach
  void stop() {
    upstreams.close();
  }

  private ServiceHarness service(Map<String, String> extra) {
    return new ServiceHarness(dataDir, upstreams.variables(extra));
  }

  @Test
  void aTriggeredTaskIsProvenSignedAndAcceptedByTheNode() {
    try (ServiceHarness service = service(Map.of())) {
      HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":0}");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = Json.MAPPER.readTree(response.body());
      assertThat(body.get("error").asBoolean()).isFalse();
      assertThat(body.get("message").asString()).isEqualTo("Task executed successfully");
      String cid = body.get("data").get("proofOfTask").asString();
      assertThat(cid).startsWith("Qm").hasSize(46);
      assertThat(body.get("data").get("taskDefinitionId").asInt()).isZero();
      String price = body.get("data").get("data").asString();
      assertThat(price).matches("[0-9]+\\.[0-9]{8}");

      assertThat(node.received()).hasSize(1);
      ReceivedTask sent = node.received().get(0);
      assertThat(sent.accepted()).isTrue();
      assertThat(sent.proofOfTask()).isEqualTo(cid);
      assertThat(sent.dataHex()).isEqualTo(Hex.encode(price.getBytes(StandardCharsets.UTF_8)));
      assertThat(sent.performer()).isEqualTo(ServiceHarness.ADDRESS);
      TaskMessage message = new TaskMessage(cid, price.getBytes(StandardCharsets.UTF_8), ServiceHarness.ADDRESS, 0);
      assertThat(EcdsaVerifier.recoverAddress(message.hash(), sent.signature())).isEqualTo(ServiceHarness.ADDRESS);

      HttpResponse<String> proof = service.get("/ipfs/" + cid);
      assertThat(proof.statusCode()).isEqualTo(200);
      assertThat(Cid.parse(cid).matches(proof.body().getBytes(StandardCharsets.UTF_8))).isTrue();
      JsonNode document = Json.MAPPER.readTree(proof.body());
      assertThat(document.get("symbol").asString()).isEqualTo("ETHUSDT");
      assertThat(document.get("price").asString()).isEqualTo(price);
      assertThat(document.get("observedAt").asString()).isNotBlank();
      assertThat(document.get("source").asString()).startsWith(exchange.baseUrl());
    }
  }

  @Test
  void upperCaseIdAsAStringAndATargetChainAreSentAsSevenParams() {
    try (ServiceHarness service = service(Map.of())) {
      HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionID\":\"7\",\"targetChainId\":\"84532\"}");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(response.body()).get("data").get("taskDefinitionId").asInt()).isEqualTo(7);
      assertThat(node.received()).singleElement().satisfies(t -> {
        assertThat(t.taskDefinitionId()).isEqualTo(7);
        assertThat(t.accepted()).isTrue();
      });
    }
  }

  @Test
  void everyTaskHasItsOwnProofEvenAtTheSamePrice() {
    try (ServiceHarness service = service(Map.of())) {
      String first = service.post("/task/execute", "{}").body();
      String second = service.post("/task/execute", "{}").body();
      assertThat(Json.MAPPER.readTree(first).get("data").get("proofOfTask"))
          .isNotEqualTo(Json.MAPPER.readTree(second).get("data").get("proofOfTask"));
    }
  }

  @Test
  void cidVersionOneProofsAreBase32() {
    try (ServiceHarness service = service(Map.of("CID_VERSION", "1"))) {
      HttpResponse<String> response = service.post("/task/execute", "{}");
      assertThat(response.statusCode()).isEqualTo(200);
      String cid = Json.MAPPER.readTree(response.body()).get("data").get("proofOfTask").asString();
      assertThat(cid).startsWith("bafk");
      assertThat(service.get("/ipfs/" + cid).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anIdWithNoTaskIs404AndNothingIsSent() {
    try (ServiceHarness service = service(Map.of("TASK_DEFINITIONS", "0=price-oracle"))) {
      HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":5}");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("\"error\":true").contains("taskDefinitionId 5");
      assertThat(node.received()).isEmpty();
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void unknownAndMalformedProofCidsAreClientErrors() {
    try (ServiceHarness service = service(Map.of())) {
      assertThat(service.get("/ipfs/QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX").statusCode()).isEqualTo(404);
      HttpResponse<String> bad = service.get("/ipfs/not-a-cid");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("cid");
    }
  }

  @Test
  void healthNamesThePerformer() {
    try (ServiceHarness service = service(Map.of())) {
      HttpResponse<String> health = service.get("/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains(ServiceHarness.ADDRESS).doesNotContain(ServiceHarness.KEY.substring(2));
    }
  }

  @Test
  void aTargetChainOutsideL2ChainIs400NamingTheServedChains() {
    try (ServiceHarness service = service(Map.of("L2_CHAIN", "base-sepolia,80002"))) {
      HttpResponse<String> refused = service.post("/task/execute", "{\"targetChainId\":1}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("targetChainId: chain 1 is not served by this operator (L2_CHAIN: base-sepolia (84532), 80002)");
      assertThat(service.post("/task/execute", "{\"targetChainId\":80002}").statusCode()).isEqualTo(200);
      assertThat(service.post("/task/execute", "{\"targetChainId\":84532}").statusCode()).isEqualTo(200);
      assertThat(node.received()).hasSize(2);
    }
  }
}
