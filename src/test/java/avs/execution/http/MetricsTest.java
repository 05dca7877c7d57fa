package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import avs.execution.support.ValidationHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /metrics} on both services: what happened to tasks and verdicts, in Prometheus' text format, no secrets. */
class MetricsTest {
  @TempDir Path dataDir;
  private StandInUpstreams upstreams;

  @BeforeEach
  void upstreams() {
    upstreams = new StandInUpstreams();
  }

  @AfterEach
  void stop() {
    upstreams.close();
  }

  @Test
  void theExecutionServiceCountsTasksAndTheirOutcomes() {
    try (ServiceHarness service = new ServiceHarness(dataDir, upstreams.variables(Map.of()))) {
      for (int i = 0; i < 2; i++) {
        assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> metrics = service.get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains("avs_tasks_accepted_total 2.0")
          .contains("avs_task_sends_total{outcome=\"acknowledged\"} 2.0")
          .contains("avs_task_acknowledged_seconds_count 2")
          .contains("avs_outbox_backlog ")
          .contains("jvm_memory_used_bytes")
          .doesNotContain(ServiceHarness.KEY.substring(2));
      // the backlog is the dispatcher's count, refreshed every second: both tasks are done, so it comes down to 0
      Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(service.get("/metrics").body()).contains("avs_outbox_backlog 0.0"));
    }
  }

  @Test
  void executionsAreCountedPerTaskByOutcomeAndFailuresByStage() {
    Map<String, String> noExchange = Map.of("ORACLE_BASE_URL", "http://127.0.0.1:" + LoopbackServer.closedPort() + "/api/v3/");
    try (ServiceHarness service = new ServiceHarness(dataDir.resolve("unreachable"), upstreams.variables(noExchange))) {
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(503);
      assertThat(service.get("/metrics").body()).contains("avs_task_executions_total{outcome=\"retry\",task=\"price-oracle\"} 1.0")
          .doesNotContain("avs_tasks_failed_total{stage=\"execute\"} 1.0");
    }
    // Pinata refusing the credentials cannot pass on a later try: the task fails, at the proof stage
    try (LoopbackServer pinata = LoopbackServer.start(r -> r.any("/*", (request, response) -> response.status(401).send("{}")));
         ServiceHarness service = new ServiceHarness(dataDir.resolve("refused"), upstreams.variables(Map.of("PROOF_STORE", "pinata",
             "PINATA_JWT", "test-jwt", "PINATA_API_URL", pinata.url(""))))) {
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(502);
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(502);
      assertThat(service.get("/metrics").body()).contains("avs_tasks_failed_total{stage=\"proof\"} 2.0")
          .contains("avs_task_executions_total{outcome=\"failed\",task=\"price-oracle\"} 2.0");
    }
  }

  @Test
  void theValidationServiceCountsVerdicts() {
    String execution;
    try (ServiceHarness service = new ServiceHarness(dataDir, upstreams.variables(Map.of()))) {
      JsonNode data = Json.MAPPER.readTree(service.post("/task/execute", "{\"taskDefinitionId\":0}").body()).get("data");
      execution = Json.object().put("proofOfTask", data.get("proofOfTask").asString())
          .put("data", avs.execution.sign.Hex.encode(data.get("data").asString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .put("taskDefinitionId", 0).toString();
    }
    try (ValidationHarness validation = new ValidationHarness(dataDir, Map.of("ORACLE_BASE_URL", upstreams.exchange.baseUrl()))) {
      assertThat(validation.post("/task/validate", execution).statusCode()).isEqualTo(200);
      assertThat(validation.post("/task/validate", "{\"proofOfTask\":\"not-a-cid\"}").statusCode()).isEqualTo(200);
      String metrics = validation.get("/metrics").body();
      assertThat(metrics).contains("avs_validations_total{task=\"price-oracle\",verdict=\"approved\"} 1.0")
          .contains("avs_validations_total{task=\"price-oracle\",verdict=\"refused\"} 1.0")
          .contains("avs_validation_seconds_count 2");
    }
    try (ValidationHarness noExchange = new ValidationHarness(dataDir,
        Map.of("ORACLE_BASE_URL", "http://127.0.0.1:" + LoopbackServer.closedPort() + "/api/v3/"))) {
      assertThat(noExchange.post("/task/validate", execution).statusCode()).isEqualTo(500);
      assertThat(noExchange.get("/metrics").body()).contains("avs_validations_total{task=\"price-oracle\",verdict=\"no_vote\"} 1.0");
    }
  }
}
