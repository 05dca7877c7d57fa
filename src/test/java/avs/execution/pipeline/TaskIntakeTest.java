package avs.execution.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.BadRequest;
import avs.execution.error.IdempotencyKeyReused;
import avs.execution.error.NotFound;
import avs.execution.error.TaskFailed;
import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.sign.EcdsaSigner;
import avs.execution.sign.Secp256k1Key;
import avs.execution.support.FakeTasks;
import avs.execution.support.InMemoryOutbox;
import avs.execution.support.MemoryProofStore;
import avs.execution.support.ServiceHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The intake and what it drives (preparation, progress, dispatcher) against a fake outbox, task and node. */
class TaskIntakeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final InMemoryOutbox outbox = new InMemoryOutbox(Clock.systemUTC());
  private final MemoryProofStore proofs = new MemoryProofStore();
  private final ScriptedTask task = new ScriptedTask();
  private final ScriptedSubmitter node = new ScriptedSubmitter();
  private TaskIntake intake;

  private TaskIntake start(int maxAttempts) {
    var registry = FakeTasks.registry("*=scripted", Map.of("scripted", task));
    var signer = new EcdsaSigner(Secp256k1Key.parse(ServiceHarness.KEY, "test"));
    var policy = new DeliveryPolicy(Duration.ofSeconds(2), maxAttempts, Duration.ofHours(1), Duration.ofMillis(10), Duration.ofMillis(50), 4, 16, 100);
    intake = new TaskIntake(outbox, new Preparation(registry, proofs, signer), node, policy, Clock.systemUTC(), true, TaskMetrics.unscraped());
    return intake;
  }

  @AfterEach
  void stop() {
    if (intake != null) {
      intake.close(Duration.ofSeconds(2));
    }
  }

  private static TaskIntake.Request request(JsonNode input, Optional<String> key) {
    return new TaskIntake.Request(7, OptionalLong.empty(), input, key, false);
  }

  private static UpstreamFailure unavailable() {
    return new UpstreamFailure("exchange", UpstreamFailure.Kind.UNAVAILABLE, "cannot connect");
  }

  private TaskState stateOf(String id) {
    return outbox.find(id).orElseThrow().state();
  }

  @Test
  void aTriggerIsExecutedProvedSignedSentOnceAndAcknowledged() {
    TaskRecord done = start(5).trigger(request(null, Optional.empty()));
    assertThat(done.state()).isEqualTo(TaskState.ACKNOWLEDGED);
    assertThat(node.sent).hasSize(1).first().asString().startsWith("[\"" + done.proofOfTask().orElseThrow() + "\",\"0x3432\",7,");
    assertThat(proofs.size()).isEqualTo(1);
    assertThat(stateOf(done.id())).isEqualTo(TaskState.ACKNOWLEDGED);
  }

  @Test
  void theInputReachesTheTaskIsKeptWithItAndResumesWithIt() {
    JsonNode input = Json.MAPPER.readTree("{\"n\":91}");
    TaskRecord done = start(5).trigger(request(input, Optional.empty()));
    assertThat(task.executed.getFirst().input()).isEqualTo(input);
    assertThat(outbox.find(done.id()).orElseThrow().input()).contains("{\"n\":91}");
    intake.close(Duration.ofSeconds(2));

    Instant now = Instant.now(); // accepted before a crash, never executed: the next start runs it with its input
    outbox.admit(TaskRecord.received("resumed", Optional.empty(), 7, OptionalLong.empty(), Optional.of("{\"n\":2}"), now, now.plusSeconds(600)), now);
    start(5);
    Awaitility.await().atMost(WAIT).until(() -> stateOf("resumed") == TaskState.ACKNOWLEDGED);
    assertThat(task.executed.getLast().input()).isEqualTo(Json.MAPPER.readTree("{\"n\":2}"));
  }

  @Test
  void aBadInputOrATaskThatCannotRunIsRefusedBeforeAnythingIsRecorded() {
    start(5);
    assertThatThrownBy(() -> intake.trigger(request(Json.MAPPER.readTree("\"x\""), Optional.empty())))
        .isInstanceOf(BadRequest.class).hasMessageContaining("input");
    assertThatThrownBy(() -> intake.trigger(new TaskIntake.Request(10002, OptionalLong.empty(), null, Optional.empty(), false)))
        .isInstanceOf(NotFound.class);
    assertThat(outbox.counts().values()).allMatch(count -> count == 0);
    assertThat(task.executed).isEmpty();
  }

  @Test
  void anExecutionThatKeepsFailingInAWayWorthRetryingIsKeptAndRunLater() {
    task.thenFail(TaskIntakeTest::unavailable).thenFail(TaskIntakeTest::unavailable).thenFail(TaskIntakeTest::unavailable);
    start(5);
    ExecutionDeferred deferred = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionDeferred.class,
        () -> intake.trigger(request(null, Optional.empty())));
    assertThat(deferred.failure().kind()).isEqualTo(UpstreamFailure.Kind.UNAVAILABLE);
    assertThat(deferred.getMessage()).contains("is kept and tried again").contains("GET /task/" + deferred.task().id());
    assertThat(deferred.task().state()).isEqualTo(TaskState.RECEIVED);
    assertThat(node.sent).as("nothing is signed or sent for a failed execution").isEmpty();
    Awaitility.await().atMost(WAIT).until(() -> stateOf(deferred.task().id()) == TaskState.ACKNOWLEDGED);
    assertThat(task.executed).hasSize(4);
    assertThat(node.sent).hasSize(1);
  }

  @Test
  void retriesOfAnExecutionStopAtTheAttemptLimitAndTheTaskFails() {
    for (int i = 0; i < 9; i++) {
      task.thenFail(TaskIntakeTest::unavailable);
    }
    start(2);
    ExecutionDeferred deferred = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionDeferred.class,
        () -> intake.trigger(request(null, Optional.empty())));
    Awaitility.await().atMost(WAIT).until(() -> stateOf(deferred.task().id()) == TaskState.FAILED);
    assertThat(outbox.find(deferred.task().id()).orElseThrow().lastError().orElseThrow()).contains("after 2 attempts").contains("cannot connect");
    assertThat(node.sent).isEmpty();
  }

  @Test
  void aFailureThatCannotPassLaterFailsTheTaskAtOnceAndNothingIsSigned() {
    task.thenFail(() -> new UpstreamFailure("adapter factor", UpstreamFailure.Kind.REJECTED, false, "the number is not an integer", null));
    start(5);
    assertThatThrownBy(() -> intake.trigger(request(null, Optional.of("k1")))).isInstanceOf(UpstreamFailure.class)
        .hasMessageContaining("the number is not an integer");
    assertThat(outbox.list(java.util.Set.of(), 10)).singleElement().satisfies(failed -> {
      assertThat(failed.state()).isEqualTo(TaskState.FAILED);
      assertThat(failed.lastError().orElseThrow()).contains("failed at execute").contains("the number is not an integer");
    });
    assertThat(task.executed).hasSize(1);
    assertThat(node.sent).isEmpty();
  }

  @Test
  void aBusyNodeIsSentTheSameBytesAgainAndARefusingOneMakesTheTaskDead() {
    node.thenFail(new UpstreamFailure("Othentic node", UpstreamFailure.Kind.UNAVAILABLE, "busy (HTTP 503)"))
        .thenFail(new UpstreamFailure("Othentic node", UpstreamFailure.Kind.UNAVAILABLE, "busy (HTTP 503)"));
    TaskRecord done = start(5).trigger(request(null, Optional.empty()));
    Awaitility.await().atMost(WAIT).until(() -> stateOf(done.id()) == TaskState.ACKNOWLEDGED);
    assertThat(node.sent).hasSize(3).allMatch(params -> params.equals(node.sent.getFirst()));
    assertThat(task.executed).as("executed once, however often sent").hasSize(1);

    node.thenFail(new UpstreamFailure("Othentic node", UpstreamFailure.Kind.REJECTED, false, "sendTask refused: bad signature", null));
    assertThatThrownBy(() -> intake.trigger(request(null, Optional.empty()))).isInstanceOf(TaskFailed.class).hasMessageContaining("bad signature");
    assertThat(outbox.counts().get(TaskState.DEAD)).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReturnsItsTaskAndRefusesAnotherRequest() {
    start(5);
    JsonNode input = Json.MAPPER.readTree("{\"n\":1}");
    TaskRecord first = intake.trigger(request(input, Optional.of("key-1")));
    assertThat(intake.trigger(request(input, Optional.of("key-1"))).id()).isEqualTo(first.id());
    assertThatThrownBy(() -> intake.trigger(request(Json.MAPPER.readTree("{\"n\":2}"), Optional.of("key-1"))))
        .isInstanceOf(IdempotencyKeyReused.class).hasMessageContaining("with another input");
    assertThat(task.executed).hasSize(1);
  }
}
