package avs.execution.trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a time trigger fires: a sequence of numbered slots, the same on every operator's machine (an interval's slots
 * are aligned to the epoch; a cron's are its execution times), so the slot names the firing and becomes its key.
 */
interface Schedule {
  /** The newest slot whose time is at or before {@code time}. */
  long slotAt(Instant time);

  /** When a slot's time comes. */
  Instant timeOf(long slot);

  /** The slot after this one. */
  long next(long slot);

  /** The key part that names a slot in the trigger's keys and cursor. */
  default String describe(long slot) {
    return Long.toString(slot);
  }

  /**
   * The slots after {@code last} whose time has come by {@code now}, oldest first, at most {@code limit} of the newest
   * (the rest counted in the returned total).
   */
  default Due due(long last, Instant now, int limit) {
    long current = slotAt(now);
    List<Long> slots = new ArrayList<>();
    long total = 0;
    for (long slot = next(last); slot <= current; slot = next(slot)) {
      total++;
      slots.add(slot);
      if (slots.size() > limit) {
        slots.removeFirst();
      }
    }
    return new Due(slots, total - slots.size());
  }

  /** Due slots, and how many older ones were left out of the list. */
  record Due(List<Long> slots, long older) {}
}
