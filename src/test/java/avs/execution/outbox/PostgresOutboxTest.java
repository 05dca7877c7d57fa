package avs.execution.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox contract on a real PostgreSQL (embedded: its binaries from Maven Central, on 127.0.0.1), one fresh
 * database per test, and what only PostgreSQL offers: replicas sharing one queue.
 */
class PostgresOutboxTest extends OutboxContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private String database;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  Outbox open(boolean fresh) {
    if (fresh) {
      database = "outbox_" + DATABASES.incrementAndGet();
      try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + database);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return Outbox.postgres(url(), clock);
  }

  @Test
  void anOutboxOfTheFirstSchemaIsUpgradedInPlace() throws Exception {
    database = "outbox_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    upgradesAnOutboxOfTheFirstSchemaInPlace(postgres.getDatabase("postgres", database), () -> Outbox.postgres(url(), clock));
  }

  private PostgresUrl url() {
    return PostgresUrl.parse("postgres://postgres:unused-secret@127.0.0.1:" + postgres.getPort() + "/" + database);
  }

  @Test
  void replicasSharingTheQueueNeverClaimTheSameTask() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = "shared-" + i;
      outbox.admit(received(id, null), clock.instant());
      outbox.signed(id, "Qm" + i, "1", "[]");
      ids.add(id);
    }
    millis.addAndGet(1);
    try (Outbox second = Outbox.postgres(url(), clock)) {
      assertThat(second.singleNode()).isFalse();
      CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> claimAll(outbox));
      CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> claimAll(second));
      List<String> a = first.join();
      List<String> b = other.join();
      Set<String> overlap = new HashSet<>(a);
      overlap.retainAll(b);
      assertThat(overlap).as("claimed by both replicas").isEmpty();
      Set<String> all = new HashSet<>(a);
      all.addAll(b);
      assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  private static List<String> claimAll(Outbox outbox) {
    List<String> claimed = new ArrayList<>();
    for (int round = 0; round < 1_000; round++) {
      List<TaskRecord> batch = outbox.claimDue(7, Duration.ofMinutes(5));
      if (batch.isEmpty()) {
        return claimed;
      }
      batch.forEach(task -> claimed.add(task.id()));
    }
    return claimed;
  }

  @Test
  void oneReplicaPrunesAtATimeAndTheCountsOfAllReplicasAddUp() throws SQLException {
    acknowledgeThree("done-");
    millis.addAndGet(Duration.ofDays(8).toMillis());
    try (Outbox second = Outbox.postgres(url(), clock);
        Connection pruning = postgres.getDatabase("postgres", database).getConnection(); Statement statement = pruning.createStatement()) {
      second.admit(received("by the second replica", null), clock.instant());
      assertThat(second.counts()).as("one table, whichever replica counted").isEqualTo(outbox.counts()).containsEntry(TaskState.RECEIVED, 1L)
          .containsEntry(TaskState.ACKNOWLEDGED, 3L);
      statement.execute("SELECT pg_advisory_lock(" + 0x61767370_72756e65L + ")"); // as a replica in the middle of a batch holds it
      assertThat(second.prune(TaskState.ACKNOWLEDGED, clock.instant().minus(Duration.ofDays(7)), 100)).as("another replica is pruning").isZero();
      statement.execute("SELECT pg_advisory_unlock_all()");
      assertThat(second.prune(TaskState.ACKNOWLEDGED, clock.instant().minus(Duration.ofDays(7)), 100)).isEqualTo(3);
      assertThat(outbox.counts()).containsEntry(TaskState.ACKNOWLEDGED, 0L).containsEntry(TaskState.RECEIVED, 1L);
    }
  }

  @Test
  void pruningGoesBesideTheWriterSoABlockedWriterDoesNotHoldItUp() throws Exception {
    acknowledgeThree("old-");
    millis.addAndGet(Duration.ofDays(8).toMillis());
    try (Connection blocker = postgres.getDatabase("postgres", database).getConnection(); Statement statement = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      statement.execute("SELECT * FROM task_counts WHERE state = 'RECEIVED' FOR UPDATE"); // the next admission's count waits on this
      CompletableFuture<Outbox.Admission> admission = CompletableFuture.supplyAsync(() -> outbox.admit(received("waiting", null), clock.instant()));
      Thread.sleep(200);
      assertThat(admission).as("the writer waits on the locked counts row").isNotDone();
      CompletableFuture<Integer> pruned = CompletableFuture.supplyAsync(() -> outbox.prune(TaskState.ACKNOWLEDGED,
          clock.instant().minus(Duration.ofDays(7)), 100));
      assertThat(pruned.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("deleted while the writer is stuck").isEqualTo(3);
      blocker.rollback();
      assertThat(admission.get(10, java.util.concurrent.TimeUnit.SECONDS).created()).isTrue();
    }
    assertThat(outbox.counts()).containsEntry(TaskState.ACKNOWLEDGED, 0L).containsEntry(TaskState.RECEIVED, 1L);
  }

  private void acknowledgeThree(String prefix) {
    for (int i = 0; i < 3; i++) {
      outbox.admit(received(prefix + i, null), clock.instant());
      outbox.signed(prefix + i, "Qm" + i, "1", "[]");
      outbox.acknowledged(prefix + i, 1).join();
    }
  }

  @Test
  void theDescriptionNamesTheDatabaseButNotThePassword() {
    assertThat(outbox.describe()).contains("postgresql://127.0.0.1").contains(database).doesNotContain("unused-secret");
    assertThat(Optional.of(url().toString())).get().asString().doesNotContain("unused-secret");
  }

  @Test
  void theServiceKeepsItsTasksInPostgresWhenDatabaseUrlIsSet() {
    try (StandInUpstreams upstreams = new StandInUpstreams();
        ServiceHarness service = new ServiceHarness(dir, upstreams.variables(Map.of("DATABASE_URL",
            "postgres://postgres:unused-secret@127.0.0.1:" + postgres.getPort() + "/" + database)))) {
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(200);
      assertThat(service.get("/health").body()).contains("postgresql://127.0.0.1").doesNotContain("unused-secret");
    }
    assertThat(outbox.list(Set.of(TaskState.ACKNOWLEDGED), 10)).hasSize(1);
  }

  @Test
  void theWriterReconnectsAfterTheDatabaseDroppedItsConnection() throws SQLException {
    outbox.admit(received("before", null), clock.instant());
    try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "' AND pid <> pg_backend_pid()");
    }
    int failures = 0;
    for (int i = 0; i < 5; i++) {
      try {
        outbox.admit(received("after-" + i, null), clock.instant());
      } catch (avs.execution.error.StorageFailure e) {
        failures++;
      }
    }
    assertThat(failures).as("writes lost to the dropped connection").isLessThanOrEqualTo(1);
    assertThat(outbox.find("before")).isPresent();
    assertThat(outbox.find("after-4")).isPresent();
    assertThat(outbox.unfinished()).isEqualTo(1 + 5 - failures);
  }
}
