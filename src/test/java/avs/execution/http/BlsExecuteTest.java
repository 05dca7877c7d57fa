package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.devnet.LocalPriceFeed;
import avs.execution.json.Json;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.Hex;
import avs.execution.sign.TaskMessage;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ServiceHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** With SIGNATURE_TYPE=bls the node receives the controller address, a BLS signature string, "bls" and the chain. */
class BlsExecuteTest {
  private static final String CONTROLLER = "0x0000000000000000000000000000000000000001";
  @TempDir Path dataDir;

  @Test
  void aBlsTaskCarriesTheSignatureOfTheConsensusKeyAndTheTargetChain() {
    AtomicReference<JsonNode> call = new AtomicReference<>();
    try (LocalPriceFeed exchange = LocalPriceFeed.start("127.0.0.1", 0);
         LoopbackServer node = LoopbackServer.start(r -> r.post("/", (req, res) -> {
           JsonNode body = Json.MAPPER.readTree(req.content().as(String.class));
           call.set(body);
           res.send("{\"jsonrpc\":\"2.0\",\"id\":" + body.get("id") + ",\"result\":true}");
         }));
         ServiceHarness service = new ServiceHarness(dataDir, Map.of("ORACLE_BASE_URL", exchange.baseUrl(),
             "OTHENTIC_CLIENT_RPC_ADDRESS", node.url("/"), "SIGNATURE_TYPE", "bls", "PERFORMER_ADDRESS", CONTROLLER))) {
      HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":3,\"targetChainId\":84532}");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode params = call.get().get("params");
      assertThat(params.size()).isEqualTo(7);
      assertThat(params.get(3).asString()).isEqualTo(CONTROLLER);
      assertThat(params.get(5).asString()).isEqualTo("bls");
      assertThat(params.get(6).asLong()).isEqualTo(84532);
      TaskMessage message = new TaskMessage(params.get(0).asString(), Hex.decode(params.get(1).asString()), CONTROLLER, 3);
      String expected = BlsSigner.fromKeyText(ServiceHarness.KEY, CONTROLLER).sign(message).signature();
      assertThat(params.get(4).asString()).isEqualTo(expected).matches("\\{\"x\":\"0x[0-9a-f]{64}\",\"y\":\"0x[0-9a-f]{64}\"}");
    }
  }
}
