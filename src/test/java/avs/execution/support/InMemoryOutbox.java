package avs.execution.support;

import avs.execution.error.StorageFailure;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The outbox in memory, for unit tests of the pipeline: the same rules as the database outbox (OutboxContract runs
 * against it too), guarded by one lock. {@link #reopen} gives a new outbox over the same rows, as a restart would.
 */
public final class InMemoryOutbox implements Outbox {
  private record Row(TaskRecord task, long leaseUntil) {}

  private final Map<String, Row> rows;
  private final Map<String, String> cursors;
  private final Clock clock;

  public InMemoryOutbox(Clock clock) {
    this(new LinkedHashMap<>(), new java.util.HashMap<>(), clock);
  }

  private InMemoryOutbox(Map<String, Row> rows, Map<String, String> cursors, Clock clock) {
    this.rows = rows;
    this.cursors = cursors;
    this.clock = clock;
  }

  public InMemoryOutbox reopen() {
    return new InMemoryOutbox(rows, cursors, clock);
  }

  @Override
  public boolean singleNode() {
    return true;
  }

  @Override
  public Admission admit(TaskRecord task, Instant leaseUntil) {
    synchronized (rows) {
      if (rows.containsKey(task.id())) {
        throw new StorageFailure("task id " + task.id() + " is already in the outbox", null);
      }
      if (task.idempotencyKey().isPresent()) {
        Optional<TaskRecord> holder = rows.values().stream().map(Row::task).filter(t -> t.idempotencyKey().equals(task.idempotencyKey())).findFirst();
        if (holder.isPresent()) {
          return new Admission(holder.get(), false);
        }
      }
      rows.put(task.id(), new Row(task, leaseUntil.toEpochMilli()));
      return new Admission(task, true);
    }
  }

  @Override
  public boolean signed(String id, String proofOfTask, String data, String params) {
    return update(id, TaskState.RECEIVED, row -> new Row(copy(row.task(), TaskState.PENDING, Optional.of(proofOfTask), Optional.of(data),
        Optional.of(params), 0, Optional.empty(), row.task().nextAttemptAt(), row.task().deadlineAt(), Optional.empty()), row.leaseUntil()));
  }

  @Override
  public CompletableFuture<Boolean> acknowledged(String id, int attempts) {
    Instant now = clock.instant();
    return CompletableFuture.completedFuture(update(id, TaskState.PENDING, row -> new Row(copy(row.task(), TaskState.ACKNOWLEDGED,
        row.task().proofOfTask(), row.task().data(), row.task().params(), attempts, Optional.empty(), row.task().nextAttemptAt(),
        row.task().deadlineAt(), Optional.of(now)), 0)));
  }

  @Override
  public boolean retryLater(String id, TaskState state, int attempts, String error, Instant next) {
    return update(id, state, row -> new Row(copy(row.task(), state, row.task().proofOfTask(), row.task().data(), row.task().params(), attempts,
        Optional.of(error), next, row.task().deadlineAt(), Optional.empty()), 0));
  }

  @Override
  public boolean dead(String id, int attempts, String error) {
    return update(id, TaskState.PENDING, row -> new Row(copy(row.task(), TaskState.DEAD, row.task().proofOfTask(), row.task().data(),
        row.task().params(), attempts, Optional.of(error), row.task().nextAttemptAt(), row.task().deadlineAt(), Optional.empty()), 0));
  }

  @Override
  public boolean failed(String id, String error) {
    return update(id, TaskState.RECEIVED, row -> new Row(copy(row.task(), TaskState.FAILED, row.task().proofOfTask(), row.task().data(),
        row.task().params(), row.task().attempts(), Optional.of(error), row.task().nextAttemptAt(), row.task().deadlineAt(), Optional.empty()), 0));
  }

  @Override
  public List<TaskRecord> claimDue(int limit, Duration lease) {
    long now = clock.millis();
    synchronized (rows) {
      List<Row> due = rows.values().stream()
          .filter(row -> row.task().state().unfinished() && row.task().nextAttemptAt().toEpochMilli() <= now && row.leaseUntil() <= now)
          .sorted(Comparator.comparing(row -> row.task().nextAttemptAt())).limit(limit).toList();
      due.forEach(row -> rows.put(row.task().id(), new Row(row.task(), now + lease.toMillis())));
      return due.stream().map(Row::task).toList();
    }
  }

  @Override
  public int releaseLeases() {
    synchronized (rows) {
      int released = (int) rows.values().stream().filter(row -> row.leaseUntil() > 0).count();
      rows.replaceAll((id, row) -> new Row(row.task(), 0));
      return released;
    }
  }

  @Override
  public int requeueDead(List<String> ids, Duration deadline) {
    Instant now = clock.instant();
    synchronized (rows) {
      int requeued = 0;
      for (Row row : List.copyOf(rows.values())) {
        if (row.task().state() == TaskState.DEAD && (ids.isEmpty() || ids.contains(row.task().id()))) {
          rows.put(row.task().id(), new Row(copy(row.task(), TaskState.PENDING, row.task().proofOfTask(), row.task().data(), row.task().params(), 0,
              row.task().lastError(), now, now.plus(deadline), Optional.empty()), 0));
          requeued++;
        }
      }
      return requeued;
    }
  }

  @Override
  public Pruned prune(TaskState state, Instant finishedBefore, Instant createdFrom, int limit) {
    if (state.unfinished()) {
      throw new IllegalArgumentException("only finished tasks are pruned, not " + state.wireName() + " ones");
    }
    synchronized (rows) {
      List<TaskRecord> old = rows.values().stream().map(Row::task).filter(t -> t.state() == state && t.updatedAt().isBefore(finishedBefore)
          && !t.createdAt().isBefore(createdFrom)).sorted(Comparator.comparing(TaskRecord::createdAt)).limit(limit).toList();
      old.forEach(task -> rows.remove(task.id()));
      return new Pruned(old.size(), old.isEmpty() ? createdFrom : old.getLast().createdAt());
    }
  }

  @Override
  public int reclaimSpace(int pages) {
    return 0;
  }

  @Override
  public Set<String> proofsInUse() {
    synchronized (rows) {
      Set<String> cids = new java.util.HashSet<>();
      rows.values().stream().map(Row::task).filter(t -> t.state() == TaskState.PENDING || t.state() == TaskState.DEAD).forEach(t -> {
        t.proofOfTask().ifPresent(cids::add);
        t.data().filter(data -> data.startsWith("ipfs://")).map(data -> data.substring("ipfs://".length())).ifPresent(cids::add);
      });
      return cids;
    }
  }

  @Override
  public Optional<String> writeProblem() {
    return Optional.empty();
  }

  @Override
  public java.util.OptionalLong sizeBytes() {
    return java.util.OptionalLong.empty();
  }

  @Override
  public Optional<TaskRecord> find(String id) {
    synchronized (rows) {
      return Optional.ofNullable(rows.get(id)).map(Row::task);
    }
  }

  @Override
  public List<TaskRecord> list(Set<TaskState> states, int limit) {
    synchronized (rows) {
      return rows.values().stream().map(Row::task).filter(t -> states.isEmpty() || states.contains(t.state()))
          .sorted(Comparator.comparing(TaskRecord::createdAt).reversed().thenComparing(TaskRecord::id)).limit(limit).toList();
    }
  }

  @Override
  public long unfinished() {
    synchronized (rows) {
      return rows.values().stream().filter(row -> row.task().state().unfinished()).count();
    }
  }

  @Override
  public Map<TaskState, Long> counts() {
    Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
    for (TaskState state : TaskState.values()) {
      counts.put(state, 0L);
    }
    synchronized (rows) {
      rows.values().forEach(row -> counts.merge(row.task().state(), 1L, Long::sum));
    }
    return counts;
  }

  @Override
  public synchronized Optional<String> cursor(String trigger) {
    return Optional.ofNullable(cursors.get(trigger));
  }

  @Override
  public synchronized void saveCursor(String trigger, String position) {
    cursors.put(trigger, position);
  }

  @Override
  public String describe() {
    return "in memory";
  }

  @Override
  public void close() {
    // the rows stay, for reopen()
  }

  private boolean update(String id, TaskState from, java.util.function.UnaryOperator<Row> change) {
    synchronized (rows) {
      Row row = rows.get(id);
      if (row == null || row.task().state() != from) {
        return false;
      }
      Row changed = change.apply(row);
      Instant now = clock.instant();
      TaskRecord t = changed.task();
      rows.put(id, new Row(new TaskRecord(t.id(), t.idempotencyKey(), t.taskDefinitionId(), t.targetChainId(), t.input(), t.state(), t.proofOfTask(),
          t.data(), t.params(), t.attempts(), t.lastError(), t.createdAt(), now, t.nextAttemptAt(), t.deadlineAt(), t.acknowledgedAt()),
          changed.leaseUntil()));
      return true;
    }
  }

  private static TaskRecord copy(TaskRecord t, TaskState state, Optional<String> proof, Optional<String> data, Optional<String> params, int attempts,
      Optional<String> error, Instant next, Instant deadline, Optional<Instant> acknowledgedAt) {
    return new TaskRecord(t.id(), t.idempotencyKey(), t.taskDefinitionId(), t.targetChainId(), t.input(), state, proof, data, params, attempts, error,
        t.createdAt(), t.updatedAt(), next, deadline, acknowledgedAt);
  }
}
