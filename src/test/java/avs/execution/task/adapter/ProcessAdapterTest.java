package avs.execution.task.adapter;

import static avs.execution.task.adapter.AdapterFixtures.misbehaving;
import static avs.execution.task.adapter.AdapterFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Process adapters as real child processes (python3): the contract's happy path, and every way an adapter can go
 * wrong — each a clear error naming the task and the problem, with nothing left running and no descriptor leaked.
 */
@Timeout(120)
class ProcessAdapterTest {
  @Test
  void anAdaptersProofIsWrappedWithTheTasksIdentityAndInputAndValidatedByTheSameAdapter() {
    try (TaskDefinition task = misbehaving("ok", "")) {
      TaskResult result = task.execute(request("{\"n\":91}"));
      assertThat(result.data()).containsExactly(0xc0, 0xff, 0xee);
      JsonNode document = Json.MAPPER.readTree(result.proofDocument());
      assertThat(document.toString()).isEqualTo("{\"version\":1,\"task\":\"ok\",\"taskDefinitionId\":7,\"taskId\":\"task-1\",\"input\":{\"n\":91},"
          + "\"proof\":{\"echo\":{\"n\":91}}}");
      Verdict verdict = task.validate(new ValidationRequest("QmX", result.proofDocument(), result.data(), 7, "0xperformer"));
      assertThat(verdict).isEqualTo(Verdict.approve("the proof echoes the input"));
      assertThat(task.validate(new ValidationRequest("QmX", result.proofDocument(), result.data(), 8, "0x")).reason())
          .contains("made for task definition 7, not 8");
      assertThat(task.validate(new ValidationRequest("QmX", "{\"symbol\":\"ETH\"}".getBytes(StandardCharsets.UTF_8), result.data(), 7, "0x")).approved())
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "exit3           | BAD_ANSWER  | false | exited with status 3; stderr: something went wrong",
      "garbage         | BAD_ANSWER  | false | answered something that is not JSON",
      "number-data     | BAD_ANSWER  | false | answered \"data\" of the wrong type",
      "no-data         | BAD_ANSWER  | false | answered without \"data\"",
      "no-proof        | BAD_ANSWER  | false | answered without \"proof\"",
      "version2        | BAD_ANSWER  | false | contract version 2",
      "retryable       | UNAVAILABLE | true  | failed (retryable): upstream busy",
      "refuse          | REJECTED    | false | failed: cannot do this",
      "flood           | BAD_ANSWER  | false | wrote more than 1048576 bytes",
      "hang            | TIMEOUT     | true  | did not answer within 2000 ms; it was stopped",
      "hang-ignoring-sigterm | TIMEOUT | true | did not answer within 2000 ms",
  })
  void everyWayAnAdapterFailsIsAClearErrorNamingTheTask(String mode, UpstreamFailure.Kind kind, boolean retryable, String message) {
    try (TaskDefinition task = misbehaving(mode, "")) {
      assertThatThrownBy(() -> task.execute(request("{}")))
          .isInstanceOfSatisfying(UpstreamFailure.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.upstream()).isEqualTo("adapter " + mode);
            assertThat(e.getMessage()).contains(message);
          });
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> AdapterFixtures.processesWith("misbehaving.py " + mode) == 0);
  }

  @Test
  void nothingIsLeftBehindNotEvenWhatTheAdapterStarted() {
    long before = AdapterFixtures.openDescriptors();
    try (TaskDefinition orphans = misbehaving("orphan", ""); TaskDefinition hangs = misbehaving("hang", ", \"timeout\": \"300ms\"")) {
      for (int i = 0; i < 10; i++) {
        orphans.execute(request("{}"));
        assertThatThrownBy(() -> hangs.execute(request("{}"))).isInstanceOf(UpstreamFailure.class);
      }
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> AdapterFixtures.processesWith("sleep 300") == 0);
    assertThat(AdapterFixtures.openDescriptors()).as("descriptors after 20 calls").isLessThanOrEqualTo(before + 3);
  }

  @Test
  void theAdapterGetsAClearedEnvironmentPlusItsOwnWithVariablesAsNamed() {
    try (TaskDefinition task = AdapterFixtures.adapter("env", "{\"command\":[\"" + AdapterFixtures.PYTHON + "\",\"misbehaving.py\",\"env\"],"
        + "\"env\":{\"API_TOKEN\":\"${TOKEN}\",\"MODE\":\"test-${TOKEN}\"}}", "{}", Map.of("TOKEN", "s3cret", "PRIVATE_KEY_PERFORMER", "0xkey"))) {
      JsonNode environment = Json.MAPPER.readTree(task.execute(request(null)).data());
      assertThat(environment.get("API_TOKEN").asString()).isEqualTo("s3cret");
      assertThat(environment.get("MODE").asString()).isEqualTo("test-s3cret");
      assertThat(environment.has("PRIVATE_KEY_PERFORMER")).isFalse();
      assertThat(environment.has("HOME")).isFalse();
      assertThat(environment.has("PATH")).isFalse();
    }
  }

  @Test
  void aPersistentAdapterAnswersEveryCallFromOneProcessAndIsStartedAgainWhenItDies() {
    try (TaskDefinition task = AdapterFixtures.adapter("pid", "{\"command\":[\"python3\",\"misbehaving.py\",\"pid\",\"--lines\"],"
        + "\"mode\":\"persistent\",\"timeout\":\"2s\"}", "{}", Map.of())) {
      String first = new String(task.execute(request("{\"i\":1}")).data(), StandardCharsets.UTF_8);
      String second = new String(task.execute(request("{\"i\":2}")).data(), StandardCharsets.UTF_8);
      assertThat(second).isEqualTo(first);
      ProcessHandle.of(Long.parseLong(first)).orElseThrow().destroyForcibly();
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(Long.parseLong(first)).isEmpty());
      String third = new String(task.execute(request("{\"i\":3}")).data(), StandardCharsets.UTF_8);
      assertThat(third).as("a new process after the old one died").isNotEqualTo(first);
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> AdapterFixtures.processesWith("misbehaving.py pid --lines") == 0);
  }

  @Test
  void aPersistentAdapterThatDiesOrHangsMidCallIsReportedAndReplaced() {
    try (TaskDefinition crashes = AdapterFixtures.adapter("crash", "{\"command\":[\"python3\",\"misbehaving.py\",\"crash-after-one\",\"--lines\"],"
        + "\"mode\":\"persistent\"}", "{}", Map.of())) {
      crashes.execute(request("{}"));
      assertThatThrownBy(() -> crashes.execute(request("{}"))).isInstanceOfSatisfying(UpstreamFailure.class, e -> {
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("exited").contains("started again on the next call");
      });
      assertThat(crashes.execute(request("{}")).data()).containsExactly(0xc0, 0xff, 0xee);
    }
    try (TaskDefinition hangs = AdapterFixtures.adapter("hangs", "{\"command\":[\"python3\",\"misbehaving.py\",\"hang\",\"--lines\"],"
        + "\"mode\":\"persistent\",\"timeout\":\"300ms\"}", "{}", Map.of())) {
      assertThatThrownBy(() -> hangs.execute(request("{}"))).isInstanceOfSatisfying(UpstreamFailure.class,
          e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> AdapterFixtures.processesWith("misbehaving.py hang --lines") == 0);
  }

  @Test
  void aPersistentAdapterThatAnswersTwiceNeverAnswersTheNextCallWithItsOldLine() throws InterruptedException {
    try (TaskDefinition twice = AdapterFixtures.adapter("twice", "{\"command\":[\"python3\",\"misbehaving.py\",\"twice\",\"--lines\"],"
        + "\"mode\":\"persistent\"}", "{}", Map.of())) {
      for (int call = 1; call <= 3; call++) {
        Thread.sleep(150); // the previous call's extra line is in by the time this call begins (one still on its way cannot be told apart)
        assertThat(twice.execute(request("{\"call\":" + call + "}")).data()).as("call %d", call).containsExactly(0xc0, 0xff, 0xee);
      }
    }
  }

  @Test
  void aPersistentAdapterThatStopsReadingItsInputTimesOutInsteadOfBlockingTheWrite() {
    String big = "\"" + "x".repeat(400_000) + "\""; // far more than a pipe holds
    try (TaskDefinition deaf = AdapterFixtures.adapter("deaf", "{\"command\":[\"python3\",\"misbehaving.py\",\"deaf\",\"--lines\"],"
        + "\"mode\":\"persistent\",\"timeout\":\"300ms\"}", "{}", Map.of())) {
      assertThatThrownBy(() -> deaf.execute(request(big))).isInstanceOfSatisfying(UpstreamFailure.class,
          e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> AdapterFixtures.processesWith("misbehaving.py deaf --lines") == 0);
  }

  @Test
  void anInvalidVerdictIsAnErrorNeverAWrongBoolean() {
    try (TaskDefinition task = misbehaving("invalid-verdict", "")) {
      byte[] document = "{\"version\":1,\"taskDefinitionId\":7,\"input\":null,\"proof\":{}}".getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> task.validate(new ValidationRequest("Qm", document, new byte[0], 7, "0x")))
          .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.getMessage()).contains("answered \"valid\": \"yes\""));
    }
  }
}
