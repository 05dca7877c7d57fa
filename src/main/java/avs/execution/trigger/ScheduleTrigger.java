package avs.execution.trigger;

import avs.execution.json.Json;
import avs.execution.logging.LogText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An interval or cron trigger. Each slot whose time comes fires once, under the key {@code interval:7:<slot>} (or
 * {@code cron:7:<epoch second>}), so a restart, a second replica on the same database or a late wake-up never makes a
 * second task. The last slot handled is saved as the trigger's cursor; after downtime, slots later than their grace
 * (their own length, at most a minute) are missed, and the catch-up policy decides which of them still fire.
 */
final class ScheduleTrigger extends LoopingTrigger {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleTrigger.class);
  private static final Duration MAX_GRACE = Duration.ofMinutes(1);
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private final TriggerSpec spec;
  private final Schedule schedule;
  private final String scheduleText;
  private final CatchUp catchUp;
  private final PerformerGate gate;
  private final Firing firing;
  private final TriggerCursors cursors;
  private final Clock clock;
  private final TriggerMetrics metrics;
  private volatile long last = Long.MIN_VALUE;
  private volatile ObjectNode lastFiring = null;
  private volatile String lastError = null;

  ScheduleTrigger(TriggerSpec spec, Schedule schedule, String scheduleText, CatchUp catchUp, PerformerGate gate, Firing firing, TriggerCursors cursors,
      Clock clock, TriggerMetrics metrics) {
    super(spec.id());
    this.spec = spec;
    this.schedule = schedule;
    this.scheduleText = scheduleText;
    this.catchUp = catchUp;
    this.gate = gate;
    this.firing = firing;
    this.cursors = cursors;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public String id() {
    return spec.id();
  }

  /** Handles every slot due by now, then waits for the next; until closed. */
  @Override
  protected void run() {
    try {
      while (!closed()) {
        handleDue();
        sleepUntil(schedule.timeOf(schedule.next(last)));
      }
    } catch (RuntimeException e) {
      lastError = e.getMessage();
      LOG.error("trigger {} stopped: {}", id(), LogText.of(e.getMessage()), e);
    }
  }

  /** One pass: the due slots, split into those on time and those missed, fired as the policy says. */
  void handleDue() {
    if (last == Long.MIN_VALUE) {
      last = cursors.cursor(id()).map(Long::parseLong).orElseGet(this::freshCursor);
    }
    Instant now = clock.instant();
    Schedule.Due due = schedule.due(last, now, CatchUp.MAX_SLOTS);
    if (due.slots().isEmpty()) {
      return;
    }
    List<Long> missed = new ArrayList<>();
    List<Long> onTime = new ArrayList<>();
    for (long slot : due.slots()) {
      (Duration.between(schedule.timeOf(slot), now).compareTo(grace(slot)) <= 0 ? onTime : missed).add(slot);
    }
    CatchUp.Plan plan = catchUp.plan(missed, due.older());
    if (plan.missed() > 0) {
      metrics.skipped(id(), "missed", plan.missed());
      LOG.warn("trigger {}: {} slot(s) missed while it was not running were skipped (catchUp: {}); firing {} of them", id(), plan.missed(),
          catchUp.name().toLowerCase(java.util.Locale.ROOT), plan.fire().size());
    }
    List<Long> firings = new ArrayList<>(plan.fire());
    firings.addAll(onTime);
    for (long slot : firings) {
      if (closed()) {
        return;
      }
      fire(slot);
    }
    last = due.slots().getLast();
    cursors.saveCursor(id(), Long.toString(last));
  }

  /** A new trigger starts with the slot under way, if it began within its grace; nothing before it is due. */
  private long freshCursor() {
    Instant now = clock.instant();
    long current = schedule.slotAt(now);
    long start = Duration.between(schedule.timeOf(current), now).compareTo(grace(current)) <= 0 ? current - 1 : current;
    cursors.saveCursor(id(), Long.toString(start));
    return start;
  }

  private Duration grace(long slot) {
    Duration length = Duration.between(schedule.timeOf(slot), schedule.timeOf(schedule.next(slot)));
    return length.compareTo(MAX_GRACE) < 0 ? length : MAX_GRACE;
  }

  /** Fires one slot, retrying what fails now (the intake busy, the election unreadable) until the next slot is due. */
  private void fire(long slot) {
    String key = spec.id() + ":" + schedule.describe(slot);
    Instant giveUp = schedule.timeOf(schedule.next(slot));
    Duration wait = FIRST_RETRY;
    while (!closed()) {
      try {
        if (!gate.elected(slot)) {
          metrics.skipped(id(), "not_leader", 1);
          record(slot, key, "not_leader");
          return;
        }
        Firing.Result result = firing.fire(spec.taskDefinitionId(), spec.input(), key);
        if (result == Firing.Result.CREATED) {
          metrics.fired(id());
        } else {
          metrics.skipped(id(), "duplicate", 1);
        }
        record(slot, key, result == Firing.Result.CREATED ? "fired" : "duplicate");
        lastError = null;
        return;
      } catch (RuntimeException e) {
        lastError = e.getMessage();
        if (!clock.instant().plus(wait).isBefore(giveUp)) {
          metrics.skipped(id(), "refused", 1);
          record(slot, key, "refused");
          LOG.warn("trigger {}: slot {} was not fired ({}); the next slot is due", id(), key, LogText.of(e.getMessage()));
          return;
        }
        LOG.info("trigger {}: slot {} not fired yet ({}); trying again in {} ms", id(), key, LogText.of(e.getMessage()), wait.toMillis());
        sleepUntil(clock.instant().plus(wait));
        wait = wait.multipliedBy(2);
      }
    }
  }

  private void record(long slot, String key, String outcome) {
    lastFiring = Json.object().put("slot", schedule.describe(slot)).put("at", schedule.timeOf(slot).toString()).put("key", key).put("outcome", outcome);
  }

  private void sleepUntil(Instant time) {
    Duration left = Duration.between(clock.instant(), time);
    if (!left.isNegative()) {
      pause(left);
    }
  }

  @Override
  public ObjectNode describe() {
    ObjectNode view = Json.object().put("id", id()).put("kind", spec.kind()).put("task", spec.task()).put("taskDefinitionId", spec.taskDefinitionId())
        .put("schedule", scheduleText).put("catchUp", catchUp.name().toLowerCase(java.util.Locale.ROOT));
    long cursor = last;
    if (cursor != Long.MIN_VALUE) {
      view.put("cursor", schedule.describe(cursor)).put("nextFiring", schedule.timeOf(schedule.next(cursor)).toString());
    }
    view.set("lastFiring", lastFiring == null ? Json.MAPPER.nullNode() : lastFiring);
    JsonNode input = spec.input();
    view.set("input", input == null ? Json.MAPPER.nullNode() : input);
    view.put("lastError", lastError);
    return view;
  }

}
