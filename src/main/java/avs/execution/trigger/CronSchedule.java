package avs.execution.trigger;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * {@code cron: {schedule: "0 *&#47;5 * * * *", timeZone: UTC}}: five fields (minute hour day month weekday), or six
 * with seconds first; a slot is the epoch second of an execution time, in the given time zone (UTC by default).
 * Parsed with cron-utils.
 */
final class CronSchedule implements Schedule {
  private final ExecutionTime times;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime times, ZoneId zone) {
    this.times = times;
    this.zone = zone;
  }

  /** The schedule, or empty (with the reason) when the expression is not one. */
  static Optional<CronSchedule> parse(String expression, ZoneId zone, StringBuilder problem) {
    String[] fields = expression.strip().split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      problem.append("must have five fields (minute hour day month weekday), or six with seconds first; got ").append(fields.length);
      return Optional.empty();
    }
    CronType type = fields.length == 5 ? CronType.UNIX : CronType.SPRING53;
    try {
      Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(expression.strip());
      cron.validate();
      return Optional.of(new CronSchedule(ExecutionTime.forCron(cron), zone));
    } catch (IllegalArgumentException e) {
      problem.append("is not a cron expression (").append(e.getMessage()).append(")");
      return Optional.empty();
    }
  }

  @Override
  public long slotAt(Instant time) {
    ZonedDateTime at = time.atZone(zone);
    if (times.isMatch(at.withNano(0))) {
      return at.toEpochSecond();
    }
    return times.lastExecution(at).map(ZonedDateTime::toEpochSecond).orElse(Long.MIN_VALUE);
  }

  @Override
  public Instant timeOf(long slot) {
    return Instant.ofEpochSecond(slot);
  }

  @Override
  public long next(long slot) {
    return times.nextExecution(Instant.ofEpochSecond(slot).atZone(zone)).map(ZonedDateTime::toEpochSecond).orElse(Long.MAX_VALUE);
  }
}
