package avs.execution.trigger;

import java.time.Duration;
import java.time.Instant;

/** {@code interval: {every: 30s}}: slot n starts at n × every since the epoch, so every operator agrees on it. */
final class IntervalSchedule implements Schedule {
  private final long everyMillis;

  IntervalSchedule(Duration every) {
    this.everyMillis = every.toMillis();
  }

  @Override
  public long slotAt(Instant time) {
    return Math.floorDiv(time.toEpochMilli(), everyMillis);
  }

  @Override
  public Instant timeOf(long slot) {
    return Instant.ofEpochMilli(slot * everyMillis);
  }

  @Override
  public long next(long slot) {
    return slot + 1;
  }

  /** The due slots by arithmetic: a year of one-second slots is not walked one by one. */
  @Override
  public Due due(long last, Instant now, int limit) {
    long current = slotAt(now);
    if (current <= last) {
      return new Due(java.util.List.of(), 0);
    }
    long first = Math.max(last + 1, current - limit + 1);
    java.util.List<Long> slots = java.util.stream.LongStream.rangeClosed(first, current).boxed().toList();
    return new Due(slots, first - (last + 1));
  }
}
