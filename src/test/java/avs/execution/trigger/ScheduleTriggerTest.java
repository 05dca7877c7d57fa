package avs.execution.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.support.SettableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slots, catch-up and the gate, with a clock the test moves and a fake intake that keeps keys as the outbox does. */
class ScheduleTriggerTest {
  private static final Instant START = Instant.parse("2026-12-02T08:00:00.300Z");

  private final SettableClock clock = new SettableClock(START);
  private final RecordedFirings keys = new RecordedFirings();

  private ScheduleTrigger interval(Duration every, CatchUp catchUp, PerformerGate gate) {
    TriggerSpec spec = new TriggerSpec(7, "task", "interval", Json.object(), "tasks[0].trigger");
    return new ScheduleTrigger(spec, new IntervalSchedule(every), "every", catchUp, gate, keys, keys, clock, new TriggerMetrics(new PrometheusRegistry()));
  }

  private static long slot(Instant time, Duration every) {
    return time.toEpochMilli() / every.toMillis();
  }

  @Test
  void intervalSlotsAreAlignedToTheEpochSoEveryOperatorAgrees() {
    IntervalSchedule schedule = new IntervalSchedule(Duration.ofSeconds(10));
    assertThat(schedule.slotAt(Instant.parse("2026-12-02T08:00:09.999Z"))).isEqualTo(schedule.slotAt(Instant.parse("2026-12-02T08:00:00Z")));
    assertThat(schedule.timeOf(schedule.slotAt(Instant.parse("2026-12-02T08:00:07Z")))).isEqualTo(Instant.parse("2026-12-02T08:00:00Z"));
    assertThat(schedule.due(5, Instant.ofEpochSecond(100), 3)).isEqualTo(new Schedule.Due(List.of(8L, 9L, 10L), 2));
  }

  @Test
  void cronHasFiveFieldsOrSixWithSecondsAndATimeZone() {
    StringBuilder why = new StringBuilder();
    CronSchedule everyFive = CronSchedule.parse("*/5 * * * *", ZoneId.of("UTC"), why).orElseThrow();
    long slot = everyFive.slotAt(Instant.parse("2026-12-02T08:07:30Z"));
    assertThat(everyFive.timeOf(slot)).isEqualTo(Instant.parse("2026-12-02T08:05:00Z"));
    assertThat(everyFive.timeOf(everyFive.next(slot))).isEqualTo(Instant.parse("2026-12-02T08:10:00Z"));
    CronSchedule seconds = CronSchedule.parse("30 0 9 * * *", ZoneId.of("Europe/Berlin"), why).orElseThrow();
    assertThat(seconds.timeOf(seconds.slotAt(Instant.parse("2026-12-02T12:00:00Z")))).isEqualTo(Instant.parse("2026-12-02T08:00:30Z"));
    assertThat(CronSchedule.parse("every tuesday", ZoneId.of("UTC"), why)).isEmpty();
    assertThat(why.toString()).contains("five fields");
  }

  @Test
  void eachSlotFiresOnceUnderItsKeyAndAFreshTriggerStartsWithTheSlotUnderWay() {
    Duration every = Duration.ofSeconds(10);
    ScheduleTrigger trigger = interval(every, CatchUp.LAST, PerformerGate.ALWAYS);
    keys.cursors.put("interval:7", Long.toString(slot(START, every) - 1));
    trigger.handleDue();
    long first = slot(START, every);
    assertThat(keys.fired.keySet()).containsExactly("interval:7:" + first);
    trigger.handleDue(); // nothing new is due
    clock.set(START.plusSeconds(10));
    trigger.handleDue();
    assertThat(keys.fired.keySet()).containsExactly("interval:7:" + first, "interval:7:" + (first + 1));
    assertThat(keys.cursors.get("interval:7")).isEqualTo(Long.toString(first + 1));
  }

  @Test
  void afterDowntimeTheCatchUpPolicyDecidesAndTheRestAreCountedAsMissed() {
    Duration every = Duration.ofSeconds(10);
    long first = slot(START, every);
    for (CatchUp policy : CatchUp.values()) {
      keys.fired.clear();
      keys.cursors.put("interval:7", Long.toString(first));
      clock.set(START.plusSeconds(60)); // slots first+1 … first+6 are due; only first+6 is within its grace
      interval(every, policy, PerformerGate.ALWAYS).handleDue();
      List<String> expected = switch (policy) {
        case NONE -> List.of("interval:7:" + (first + 6));
        case LAST -> List.of("interval:7:" + (first + 5), "interval:7:" + (first + 6));
        case ALL -> List.of(1, 2, 3, 4, 5, 6).stream().map(i -> "interval:7:" + (first + i)).toList();
      };
      assertThat(keys.fired.keySet()).as(policy.name()).containsExactlyElementsOf(expected);
    }
    clock.set(START);
  }

  @Test
  void aSecondReplicaOrARestartMakesNoSecondTask() {
    Duration every = Duration.ofSeconds(10);
    keys.cursors.put("interval:7", Long.toString(slot(START, every) - 1));
    interval(every, CatchUp.ALL, PerformerGate.ALWAYS).handleDue();
    keys.cursors.put("interval:7", Long.toString(slot(START, every) - 1)); // the other replica's view
    interval(every, CatchUp.ALL, PerformerGate.ALWAYS).handleDue();
    assertThat(keys.fired).hasSize(1);
  }

  @Test
  void anOperatorThatIsNotElectedNeverFires() {
    Duration every = Duration.ofSeconds(10);
    keys.cursors.put("interval:7", Long.toString(slot(START, every) - 1));
    ScheduleTrigger trigger = interval(every, CatchUp.LAST, slot -> slot % 2 == 0);
    trigger.handleDue();
    clock.set(START.plusSeconds(10));
    trigger.handleDue();
    assertThat(keys.fired.keySet()).hasSize(1).allSatisfy(key -> assertThat(Long.parseLong(key.substring("interval:7:".length())) % 2).isZero());
    assertThat(trigger.describe().path("lastFiring").path("outcome").asString()).isIn("fired", "not_leader");
    clock.set(START);
  }
}
