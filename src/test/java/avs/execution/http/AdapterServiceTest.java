package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.sign.Hex;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import avs.execution.support.ValidationHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A team's own tasks through the whole service, from a tasks file: the example Python adapter executes, proves and is
 * validated by the same adapter on the attester's side; misbehaving adapters are 502/504 that name the task, and a
 * no-vote 500 on validation; data can go by reference. The service keeps serving throughout.
 */
class AdapterServiceTest {
  @TempDir static Path dir;
  private static StandInUpstreams upstreams;
  private static ServiceHarness service;
  private static ValidationHarness validation;

  @BeforeAll
  static void start() throws IOException {
    Path examples = Path.of("examples").toAbsolutePath();
    Path adapters = Path.of("src/test/resources/adapters").toAbsolutePath();
    Files.writeString(dir.resolve("tasks.yaml"), """
        tasks:
          - id: 7
            name: factor
            adapter: {command: [python3, %1$s/factor-python/factor.py]}
            params: {maxDigits: 40}
          - id: 17
            name: factor-by-reference
            adapter: {command: [python3, %1$s/factor-python/factor.py]}
            data: ipfs
          - id: 21
            name: hangs
            adapter: {command: [python3, %2$s/misbehaving.py, hang], timeout: 300ms}
          - id: 22
            name: exits
            adapter: {command: [python3, %2$s/misbehaving.py, exit3]}
          - id: 23
            name: babbles
            adapter: {command: [python3, %2$s/misbehaving.py, garbage]}
        """.formatted(examples, adapters));
    upstreams = new StandInUpstreams();
    Map<String, String> variables = Map.of("TASKS_FILE", dir.resolve("tasks.yaml").toString(), "DATA_DIR", dir.resolve("data").toString(),
        "SUBMIT_MAX_ATTEMPTS", "2", "RETRY_BASE_MS", "60000", "RETRY_MAX_MS", "60000");
    service = new ServiceHarness(dir.resolve("data"), upstreams.variables(variables));
    validation = new ValidationHarness(dir.resolve("data"), Map.of("TASKS_FILE", dir.resolve("tasks.yaml").toString()));
  }

  @AfterAll
  static void stop() {
    validation.close();
    service.close();
    upstreams.close();
  }

  private static JsonNode body(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }

  private static String validate(String proof, byte[] data, int taskDefinitionId) {
    return Json.text(Json.object().put("proofOfTask", proof).put("data", Hex.encode(data)).put("taskDefinitionId", taskDefinitionId)
        .put("performer", ServiceHarness.ADDRESS));
  }

  @Test
  void anAdapterTaskIsExecutedProvedSentAndValidatedByTheSameAdapter() {
    HttpResponse<String> executed = service.post("/task/execute", "{\"taskDefinitionId\":7,\"input\":{\"n\":\"8051\"}}");
    assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
    JsonNode data = body(executed).get("data");
    assertThat(data.get("data").asString()).isEqualTo("83");
    String proof = data.get("proofOfTask").asString();
    assertThat(upstreams.node.received()).anySatisfy(task -> assertThat(task.proofOfTask()).isEqualTo(proof));

    JsonNode tasks = body(service.get("/tasks?limit=1")).get("data").get("tasks");
    assertThat(tasks.get(0).get("input").toString()).isEqualTo("{\"n\":\"8051\"}");
    JsonNode document = Json.MAPPER.readTree(service.get("/ipfs/" + proof).body());
    assertThat(document.get("proof").toString()).isEqualTo("{\"n\":\"8051\",\"factors\":[\"83\",\"97\"]}");
    assertThat(document.get("input").toString()).isEqualTo("{\"n\":\"8051\"}");

    JsonNode honest = body(validation.post("/task/validate", validate(proof, "83".getBytes(StandardCharsets.UTF_8), 7)));
    assertThat(honest.get("data").asBoolean()).isTrue();
    assertThat(honest.get("message").asString()).isEqualTo("83 x 97 = 8051");
    JsonNode lie = body(validation.post("/task/validate", validate(proof, "7".getBytes(StandardCharsets.UTF_8), 7)));
    assertThat(lie.get("data").asBoolean()).isFalse();
    assertThat(lie.get("message").asString()).contains("data says '7' but the proof's factor is 83");
  }

  @Test
  void anAdaptersOwnRefusalFailsTheTaskWithItsMessage() {
    HttpResponse<String> prime = service.post("/task/execute", "{\"taskDefinitionId\":7,\"input\":{\"n\":\"13\"}}");
    assertThat(prime.statusCode()).isEqualTo(502);
    assertThat(body(prime).get("message").asString()).isEqualTo("adapter factor: failed: 13 is prime (or below 4): there is nothing to factor");
  }

  @Test
  void misbehavingAdaptersAre504And502NamingTheTaskAndTheServiceKeepsServing() {
    HttpResponse<String> hang = service.post("/task/execute", "{\"taskDefinitionId\":21}");
    assertThat(hang.statusCode()).isEqualTo(504);
    assertThat(body(hang).get("message").asString()).contains("adapter hangs: did not answer within 300 ms")
        .contains("is kept and tried again");
    assertThat(body(hang).get("data").get("state").asString()).isEqualTo("received");
    HttpResponse<String> exits = service.post("/task/execute", "{\"taskDefinitionId\":22}");
    assertThat(exits.statusCode()).isEqualTo(502);
    assertThat(body(exits).get("message").asString()).contains("adapter exits: exited with status 3; stderr: something went wrong");
    HttpResponse<String> babbles = service.post("/task/execute", "{\"taskDefinitionId\":23}");
    assertThat(babbles.statusCode()).isEqualTo(502);
    assertThat(body(babbles).get("message").asString()).contains("adapter babbles: answered something that is not JSON");
    assertThat(service.get("/health").statusCode()).isEqualTo(200);
    assertThat(service.get("/metrics").body()).contains("avs_adapter_call_seconds_count{op=\"execute\",outcome=\"error\",task=\"babbles\"}")
        .contains("avs_task_executions_total{outcome=\"failed\",task=\"exits\"}");
  }

  @Test
  void aValidationTheAdapterCannotAnswerIsANoVoteNeverAWrongFalse() {
    byte[] document = "{\"version\":1,\"taskDefinitionId\":23,\"taskId\":\"t\",\"input\":null,\"proof\":{}}".getBytes(StandardCharsets.UTF_8);
    String cid = avs.execution.proof.UnixFsDag.cidOf(document, avs.execution.proof.CidVersion.V0);
    try {
      Path shard = dir.resolve("data/proofs").resolve(cid.substring(cid.length() - 3, cid.length() - 1)); // the store's layout
      Files.createDirectories(shard);
      Files.write(shard.resolve(cid), document);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    HttpResponse<String> answer = validation.post("/task/validate", validate(cid, new byte[] {1}, 23));
    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(body(answer).get("message").asString()).contains("cannot validate: adapter babbles: answered something that is not JSON");
  }

  @Test
  void dataByReferenceGoesToTheProofStoreAndIsResolvedForTheAttester() {
    HttpResponse<String> executed = service.post("/task/execute", "{\"taskDefinitionId\":17,\"input\":{\"n\":\"8051\"}}");
    assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
    JsonNode data = body(executed).get("data");
    String reference = data.get("data").asString();
    assertThat(reference).startsWith("ipfs://Qm");
    assertThat(service.get("/ipfs/" + reference.substring("ipfs://".length())).body()).isEqualTo("83");
    JsonNode verdict = body(validation.post("/task/validate", validate(data.get("proofOfTask").asString(),
        reference.getBytes(StandardCharsets.UTF_8), 17)));
    assertThat(verdict.get("data").asBoolean()).as(verdict.toString()).isTrue();
    JsonNode unknown = body(validation.post("/task/validate", validate(data.get("proofOfTask").asString(),
        "ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG".getBytes(StandardCharsets.UTF_8), 17)));
    assertThat(unknown.get("data").asBoolean()).isFalse();
    assertThat(unknown.get("message").asString()).contains("data refers to QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG, which is not at the");
  }
}
