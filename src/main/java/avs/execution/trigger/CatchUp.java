package avs.execution.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * What a schedule does with the slots it missed while the service was down ({@code catchUp:}): {@code none} skips
 * them all, {@code last} fires only the newest, {@code all} fires each (at most {@link #MAX_SLOTS}, the newest ones).
 * Skipped slots are counted and logged, never silent.
 */
public enum CatchUp {
  NONE, LAST, ALL;

  /** The most slots {@code all} fires after one downtime; older ones are skipped as missed. */
  public static final int MAX_SLOTS = 1000;

  /** Which of the due slots fire, and how many are skipped. */
  public record Plan(List<Long> fire, long missed) {}

  /**
   * The plan for the slots after {@code last} up to {@code current}, all of whose times have come.
   *
   * @param slots the due slots, oldest first (the schedule's own, so a cron's irregular gaps are kept)
   */
  public Plan plan(List<Long> slots, long skippedBeyondList) {
    if (slots.isEmpty()) {
      return new Plan(List.of(), skippedBeyondList);
    }
    return switch (this) {
      case NONE -> new Plan(List.of(), slots.size() + skippedBeyondList);
      case LAST -> new Plan(List.of(slots.getLast()), slots.size() - 1 + skippedBeyondList);
      case ALL -> {
        int from = Math.max(0, slots.size() - MAX_SLOTS);
        yield new Plan(new ArrayList<>(slots.subList(from, slots.size())), from + skippedBeyondList);
      }
    };
  }
}
