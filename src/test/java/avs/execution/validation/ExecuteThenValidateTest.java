package avs.execution.validation;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.devnet.ReceivedTask;
import avs.execution.json.Json;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import avs.execution.support.ValidationHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Both halves together: a task executed by our execution service and sent to the node is approved by our validation
 * service, reading the proof from the embedded store (same machine) or through the execution side's /ipfs/ gateway.
 */
class ExecuteThenValidateTest {
  @TempDir Path dataDir;
  @TempDir Path attesterDir;
  private StandInUpstreams upstreams;

  @BeforeEach
  void upstreams() {
    upstreams = new StandInUpstreams();
  }

  @AfterEach
  void stop() {
    upstreams.close();
  }

  /** The body the node sends an attester: the sendTask params it received. */
  private static String validateBody(ReceivedTask task) {
    return Json.object().put("proofOfTask", task.proofOfTask()).put("data", task.dataHex())
        .put("taskDefinitionId", task.taskDefinitionId()).put("performer", task.performer()).toString();
  }

  @Test
  void anExecutedTaskIsApprovedFromTheEmbeddedStoreAndThroughTheGateway() {
    try (ServiceHarness execution = new ServiceHarness(dataDir, upstreams.variables(Map.of()))) {
      assertThat(execution.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(200);
      ReceivedTask sent = upstreams.node.received().get(0);
      String oracle = upstreams.exchange.baseUrl();

      try (ValidationHarness sameMachine = new ValidationHarness(dataDir, Map.of("ORACLE_BASE_URL", oracle))) {
        assertApproved(sameMachine.post("/task/validate", validateBody(sent)));
        assertThat(Json.MAPPER.readTree(sameMachine.get("/health").body()).get("data").get("proofSource").asString()).isEqualTo("embedded");
      }
      try (ValidationHarness attester = new ValidationHarness(attesterDir, Map.of("ORACLE_BASE_URL", oracle,
          "PINATA_GATEWAY", "http://127.0.0.1:" + execution.port() + "/ipfs/"))) {
        assertApproved(attester.post("/task/validate", validateBody(sent)));
      }
    }
  }

  private static void assertApproved(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("data").booleanValue()).as(response.body()).isTrue();
  }
}
