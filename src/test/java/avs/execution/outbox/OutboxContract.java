package avs.execution.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.StorageFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every outbox must do, run against each of them (SqliteOutboxTest, PostgresOutboxTest, InMemoryOutboxTest):
 * admission, guarded state changes, leases, re-queueing, reopening, concurrent writers.
 */
abstract class OutboxContract {
  private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
  @TempDir Path dir;
  final AtomicLong millis = new AtomicLong(START.toEpochMilli());
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  };
  Outbox outbox;

  /** A fresh, empty outbox for one test; called again by the reopening test, which expects the same data. */
  abstract Outbox open(boolean fresh);

  @BeforeEach
  void openFresh() {
    outbox = open(true);
  }

  @AfterEach
  void close() {
    outbox.close();
  }

  /**
   * An outbox made by the first schema (before inputs) and holding a task is upgraded in place when opened: the task
   * is still there, without input, and new tasks carry theirs.
   */
  void upgradesAnOutboxOfTheFirstSchemaInPlace(javax.sql.DataSource version1, java.util.function.Supplier<Outbox> openCurrent) throws Exception {
    org.flywaydb.core.Flyway.configure().dataSource(version1).locations("classpath:db/migration").target("1").load().migrate();
    try (java.sql.Connection connection = version1.getConnection(); java.sql.Statement insert = connection.createStatement()) {
      insert.executeUpdate("INSERT INTO tasks (id, task_definition_id, state, created_at, updated_at, next_attempt_at, deadline_at) "
          + "VALUES ('old', 3, 'RECEIVED', 1, 1, 1, 9999999999999)");
    }
    outbox.close();
    outbox = openCurrent.get();
    TaskRecord old = outbox.find("old").orElseThrow();
    assertThat(old.taskDefinitionId()).isEqualTo(3);
    assertThat(old.input()).isEmpty();
    outbox.admit(received("new", null), START);
    assertThat(outbox.find("new").orElseThrow().input()).contains("{\"n\":91}");
    assertThat(outbox.counts()).as("the counts start from the tasks already there").isEqualTo(countedRowByRow());
    assertThat(outbox.counts().get(TaskState.RECEIVED)).isEqualTo(2);
  }

  @Test
  void theCountsFollowEveryChangeAndSurviveReopening() {
    outbox.admit(received("acked", null), START);
    outbox.signed("acked", "Qm1", "1", "[]");
    outbox.acknowledged("acked", 1).join();
    outbox.admit(received("requeued", null), START);
    outbox.signed("requeued", "Qm2", "1", "[]");
    outbox.dead("requeued", 3, "refused");
    outbox.admit(received("dead", null), START);
    outbox.signed("dead", "Qm3", "1", "[]");
    outbox.dead("dead", 3, "refused");
    outbox.requeueDead(List.of("requeued"), Duration.ofHours(1));
    outbox.admit(received("failed", null), START);
    outbox.failed("failed", "no proof");
    outbox.admit(received("waiting", null), START);
    outbox.retryLater("waiting", TaskState.RECEIVED, 1, "busy", START.plusSeconds(5));
    outbox.admit(received("signed at once", null).signed("Qm4", "1", "[]"), START);
    outbox.admit(received("twice", "k"), START);
    outbox.admit(received("twice again", "k"), START);
    assertThat(outbox.acknowledged("acked", 1).join()).as("a repeated acknowledgement").isFalse();
    assertThat(outbox.counts()).isEqualTo(countedRowByRow());
    assertThat(outbox.counts()).containsEntry(TaskState.PENDING, 2L).containsEntry(TaskState.RECEIVED, 2L)
        .containsEntry(TaskState.ACKNOWLEDGED, 1L).containsEntry(TaskState.DEAD, 1L).containsEntry(TaskState.FAILED, 1L);
    assertThat(outbox.unfinished()).isEqualTo(4);
    outbox.close();
    outbox = open(false);
    assertThat(outbox.counts()).isEqualTo(countedRowByRow());
  }

  @Test
  void pruningDeletesOnlyTasksFinishedInThatStateBeforeTheCutoffAndFreesTheirKeys() {
    finish("acked long ago", "old-key", TaskState.ACKNOWLEDGED);
    finish("dead long ago", null, TaskState.DEAD);
    finish("failed long ago", null, TaskState.FAILED);
    outbox.admit(received("pending long ago", null), START);
    outbox.signed("pending long ago", "Qm", "1", "[]");
    millis.addAndGet(Duration.ofHours(2).toMillis());
    finish("acked just now", null, TaskState.ACKNOWLEDGED);
    Instant cutoff = START.plus(Duration.ofHours(1));
    assertThat(outbox.prune(TaskState.ACKNOWLEDGED, cutoff, 100)).isEqualTo(1);
    assertThat(outbox.find("acked long ago")).isEmpty();
    assertThat(outbox.find("acked just now")).isPresent();
    assertThat(outbox.find("dead long ago")).as("another state's retention").isPresent();
    assertThat(outbox.find("pending long ago")).as("unfinished tasks are never pruned").isPresent();
    assertThat(outbox.admit(received("new holder", "old-key"), clock.instant()).created()).as("the pruned task's key is free again").isTrue();
    assertThat(outbox.prune(TaskState.DEAD, cutoff, 100)).isEqualTo(1);
    assertThat(outbox.prune(TaskState.FAILED, cutoff, 100)).isEqualTo(1);
    assertThat(outbox.prune(TaskState.FAILED, cutoff, 100)).isZero();
    assertThat(outbox.counts()).isEqualTo(countedRowByRow());
    assertThatThrownBy(() -> outbox.prune(TaskState.PENDING, cutoff, 100)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pruningTakesTheOldestFirstAndNoMoreThanTheLimit() {
    for (int i = 0; i < 5; i++) {
      finish("t" + i, null, TaskState.ACKNOWLEDGED);
      millis.addAndGet(1000);
    }
    Instant cutoff = clock.instant();
    assertThat(outbox.prune(TaskState.ACKNOWLEDGED, cutoff, 2)).isEqualTo(2);
    assertThat(outbox.find("t0")).isEmpty();
    assertThat(outbox.find("t1")).isEmpty();
    assertThat(outbox.find("t2")).isPresent();
    assertThat(outbox.prune(TaskState.ACKNOWLEDGED, cutoff, 10)).isEqualTo(3);
    assertThat(outbox.counts().get(TaskState.ACKNOWLEDGED)).isZero();
  }

  @Test
  void aBatchGoesOnFromTheCreationTimeTheLastOneReachedAndSaysWhereItStopped() {
    Instant first = clock.instant();
    for (int i = 0; i < 5; i++) {
      finish("t" + i, null, TaskState.ACKNOWLEDGED);
      millis.addAndGet(1000);
    }
    Instant cutoff = clock.instant();
    Outbox.Pruned batch = outbox.prune(TaskState.ACKNOWLEDGED, cutoff, Instant.EPOCH, 2);
    assertThat(batch.tasks()).isEqualTo(2);
    assertThat(batch.lastCreated()).as("t1's creation").isEqualTo(first.plusSeconds(1));
    Outbox.Pruned from = outbox.prune(TaskState.ACKNOWLEDGED, cutoff, first.plusSeconds(3), 10);
    assertThat(from.tasks()).as("t3 and t4, not t2, created before").isEqualTo(2);
    assertThat(from.lastCreated()).isEqualTo(first.plusSeconds(4));
    assertThat(outbox.find("t2")).isPresent();
    Outbox.Pruned none = outbox.prune(TaskState.ACKNOWLEDGED, cutoff, first.plusSeconds(3), 10);
    assertThat(none).isEqualTo(new Outbox.Pruned(0, first.plusSeconds(3)));
    assertThat(outbox.counts()).isEqualTo(countedRowByRow());
  }

  @Test
  void theProofsInUseAreThoseOfPendingAndDeadTasks() {
    outbox.admit(received("pending", null), START);
    outbox.signed("pending", "QmPending", "ipfs://QmData", "[]");
    outbox.admit(received("dead", null), START);
    outbox.signed("dead", "QmDead", "1", "[]");
    outbox.dead("dead", 3, "refused");
    outbox.admit(received("acked", null), START);
    outbox.signed("acked", "QmAcked", "1", "[]");
    outbox.acknowledged("acked", 1).join();
    outbox.admit(received("received", null), START);
    assertThat(outbox.proofsInUse()).containsExactlyInAnyOrder("QmPending", "QmData", "QmDead");
  }

  /** Admits a task and takes it to a finished state now. */
  private void finish(String id, String key, TaskState state) {
    outbox.admit(received(id, key), clock.instant());
    if (state == TaskState.FAILED) {
      outbox.failed(id, "no proof");
      return;
    }
    outbox.signed(id, "Qm" + id.hashCode(), "1", "[]");
    if (state == TaskState.DEAD) {
      outbox.dead(id, 3, "refused");
    } else {
      outbox.acknowledged(id, 1).join();
    }
  }

  /** The counts as the rows themselves give them. */
  Map<TaskState, Long> countedRowByRow() {
    Map<TaskState, Long> counts = new java.util.EnumMap<>(TaskState.class);
    for (TaskState state : TaskState.values()) {
      counts.put(state, 0L);
    }
    outbox.list(Set.of(), 100_000).forEach(task -> counts.merge(task.state(), 1L, Long::sum));
    return counts;
  }

  TaskRecord received(String id, String key) {
    Instant now = clock.instant();
    return TaskRecord.received(id, Optional.ofNullable(key), 7, OptionalLong.of(8453), Optional.of("{\"n\":91}"), now, now.plus(Duration.ofHours(1)));
  }

  private TaskState state(String id) {
    return outbox.find(id).orElseThrow().state();
  }

  @Test
  void triggerCursorsAreSavedOverwrittenAndKeptAcrossAReopen() {
    assertThat(outbox.cursor("interval:7")).isEmpty();
    outbox.saveCursor("interval:7", "123");
    outbox.saveCursor("interval:7", "124");
    outbox.saveCursor("event:3", "{\"block\":9,\"hash\":\"0xab\",\"recent\":[]}");
    assertThat(outbox.cursor("interval:7")).contains("124");
    outbox.close();
    outbox = open(false);
    assertThat(outbox.cursor("interval:7")).contains("124");
    assertThat(outbox.cursor("event:3")).contains("{\"block\":9,\"hash\":\"0xab\",\"recent\":[]}");
  }

  @Test
  void aTaskGoesFromReceivedToAcknowledgedAndNeverBack() {
    assertThat(outbox.admit(received("t1", null), START).created()).isTrue();
    assertThat(outbox.signed("t1", "QmProof", "1234.5", "[\"QmProof\"]")).isTrue();
    assertThat(outbox.acknowledged("t1", 1).join()).isTrue();
    TaskRecord task = outbox.find("t1").orElseThrow();
    assertThat(task.state()).isEqualTo(TaskState.ACKNOWLEDGED);
    assertThat(task.params()).contains("[\"QmProof\"]");
    assertThat(task.targetChainId()).hasValue(8453);
    assertThat(task.acknowledgedAt()).contains(START);
    // late or repeated updates change nothing
    assertThat(outbox.signed("t1", "QmOther", "0", "[]")).isFalse();
    assertThat(outbox.retryLater("t1", TaskState.PENDING, 2, "late", START)).isFalse();
    assertThat(outbox.dead("t1", 2, "late")).isFalse();
    assertThat(outbox.failed("t1", "late")).isFalse();
    assertThat(outbox.find("t1").orElseThrow()).isEqualTo(task);
  }

  @Test
  void theInputIsKeptAndAnExecutionRetryIsRecordedBeforeSigningStartsTheCountAgain() {
    outbox.admit(received("t1", null), START);
    assertThat(outbox.retryLater("t1", TaskState.RECEIVED, 2, "exchange busy", START.plusSeconds(5))).isTrue();
    TaskRecord waiting = outbox.find("t1").orElseThrow();
    assertThat(waiting.input()).contains("{\"n\":91}");
    assertThat(waiting.attempts()).isEqualTo(2);
    assertThat(waiting.lastError()).contains("exchange busy");
    assertThat(outbox.claimDue(10, Duration.ofSeconds(60))).as("not due yet").isEmpty();
    millis.addAndGet(Duration.ofSeconds(5).toMillis());
    assertThat(outbox.claimDue(10, Duration.ofSeconds(60))).extracting(TaskRecord::id).containsExactly("t1");
    assertThat(outbox.signed("t1", "Qm", "1", "[]")).isTrue();
    TaskRecord signed = outbox.find("t1").orElseThrow();
    assertThat(signed.attempts()).as("sends are counted from 0").isZero();
    assertThat(signed.lastError()).isEmpty();
  }

  @Test
  void anIdempotencyKeyAdmitsOneTaskAndReturnsItAgain() {
    assertThat(outbox.admit(received("t1", "key-1"), START).created()).isTrue();
    Outbox.Admission again = outbox.admit(received("t2", "key-1"), START);
    assertThat(again.created()).isFalse();
    assertThat(again.task().id()).isEqualTo("t1");
    assertThat(outbox.find("t2")).isEmpty();
    assertThatThrownBy(() -> outbox.admit(received("t1", null), START)).isInstanceOf(StorageFailure.class).hasMessageContaining("t1");
  }

  @Test
  void claimsTakeDueUnleasedTasksOnceAndLeasesExpire() {
    outbox.admit(received("leased", null), START.plus(Duration.ofMinutes(2)));
    outbox.admit(received("free", null), START);
    outbox.signed("free", "Qm", "1", "[]");
    outbox.admit(received("later", null), START);
    outbox.signed("later", "Qm", "1", "[]");
    outbox.retryLater("later", TaskState.PENDING, 1, "busy", START.plusSeconds(30));
    millis.addAndGet(1);
    assertThat(outbox.claimDue(10, Duration.ofSeconds(60))).extracting(TaskRecord::id).containsExactly("free");
    assertThat(outbox.claimDue(10, Duration.ofSeconds(60))).as("leased now").isEmpty();
    millis.addAndGet(Duration.ofSeconds(61).toMillis());
    assertThat(outbox.claimDue(10, Duration.ofSeconds(60))).extracting(TaskRecord::id).containsExactlyInAnyOrder("free", "later");
    millis.addAndGet(Duration.ofSeconds(61).toMillis());
    assertThat(outbox.claimDue(10, Duration.ofSeconds(60))).extracting(TaskRecord::id).containsExactlyInAnyOrder("free", "later", "leased");
    assertThat(outbox.releaseLeases()).isEqualTo(3);
    assertThat(outbox.claimDue(1, Duration.ofSeconds(60))).hasSize(1);
  }

  @Test
  void deadTasksAreRequeuedWithFreshAttemptsAndDeadline() {
    for (String id : List.of("a", "b", "c")) {
      outbox.admit(received(id, null), START);
      outbox.signed(id, "Qm" + id, "1", "[]");
      outbox.dead(id, 5, "refused");
    }
    millis.addAndGet(Duration.ofHours(2).toMillis());
    assertThat(outbox.requeueDead(List.of("a"), Duration.ofHours(1))).isEqualTo(1);
    TaskRecord a = outbox.find("a").orElseThrow();
    assertThat(a.state()).isEqualTo(TaskState.PENDING);
    assertThat(a.attempts()).isZero();
    assertThat(a.deadlineAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(outbox.requeueDead(List.of(), Duration.ofHours(1))).isEqualTo(2);
    assertThat(outbox.counts().get(TaskState.PENDING)).isEqualTo(3);
    assertThat(outbox.unfinished()).isEqualTo(3);
    assertThat(outbox.counts().get(TaskState.DEAD)).isZero();
  }

  @Test
  void listingFiltersByStateNewestFirst() {
    outbox.admit(received("old", null), START);
    millis.addAndGet(1000);
    outbox.admit(received("new", null), START);
    outbox.admit(received("failed", null), START);
    outbox.failed("failed", "no proof");
    assertThat(outbox.list(Set.of(TaskState.RECEIVED), 10)).extracting(TaskRecord::id).containsExactly("new", "old");
    assertThat(outbox.list(Set.of(), 1)).hasSize(1);
    assertThat(outbox.find("failed").orElseThrow().lastError()).contains("no proof");
  }

  @Test
  void everythingCommittedSurvivesReopening() {
    outbox.admit(received("kept", "k"), START);
    outbox.signed("kept", "Qm", "1", "[1,2]");
    outbox.close();
    outbox = open(false);
    assertThat(outbox.find("kept").orElseThrow().params()).contains("[1,2]");
    assertThat(outbox.admit(received("other", "k"), START).task().id()).isEqualTo("kept");
  }

  @Test
  void concurrentWritersAreAllDurableAndOneBadWriteFailsAlone() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Outbox.Admission>> admissions = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String id = i == 200 ? "t0" : "t" + i; // t0 twice: exactly one of the two must fail
      admissions.add(pool.submit(() -> outbox.admit(received(id, null), START)));
    }
    int failures = 0;
    for (Future<Outbox.Admission> admission : admissions) {
      try {
        admission.get();
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(StorageFailure.class);
        failures++;
      }
    }
    pool.shutdown();
    assertThat(failures).isEqualTo(1);
    assertThat(outbox.counts().get(TaskState.RECEIVED)).isEqualTo(399);
  }
}
