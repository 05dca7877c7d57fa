package avs.execution.task.price;

import avs.execution.task.SpecReader;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskFactory;
import avs.execution.task.TaskSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The built-in price oracle as a task kind ({@code builtin: price-oracle}). Its settings default to ORACLE_BASE_URL,
 * ORACLE_SYMBOL, EXCHANGE_TIMEOUT_MS, ALLOWED_PRICE_DEVIATION and PROOF_MAX_AGE_SECONDS; an entry may override each
 * ({@code baseUrl}, {@code symbol}, {@code timeout}, {@code allowedDeviation}, {@code maxProofAge}).
 */
public final class PriceOracleFactory implements TaskFactory {
  public static final String KIND = "price-oracle";
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
  private final PriceOracleSettings defaults;

  public PriceOracleFactory(PriceOracleSettings defaults) {
    this.defaults = defaults;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public TaskDefinition create(TaskSpec spec, TaskContext context) {
    SpecReader settings = new SpecReader(spec.settings(), spec.place());
    var baseUrl = settings.url("baseUrl").map(u -> u.toString().endsWith("/") ? u : java.net.URI.create(u + "/")).orElse(defaults.baseUrl());
    String symbol = settings.string("symbol").orElse(defaults.symbol());
    if (!SYMBOL.matcher(symbol).matches()) {
      settings.problem("symbol", "must be an exchange symbol such as ETHUSDT: 2 to 20 upper-case letters or digits (got \"" + symbol + "\")");
    }
    Duration timeout = settings.duration("timeout", Duration.ofMillis(1), Duration.ofHours(1)).orElse(defaults.timeout());
    BigDecimal deviation = settings.decimal("allowedDeviation").orElse(defaults.allowedDeviation());
    if (deviation.signum() < 0 || deviation.compareTo(BigDecimal.ONE) > 0) {
      settings.problem("allowedDeviation", "must be a fraction from 0 to 1, e.g. 0.05 for ±5 % (got " + deviation.toPlainString() + ")");
    }
    Duration maxAge = settings.duration("maxProofAge", Duration.ofSeconds(1), Duration.ofDays(30)).orElse(defaults.maxProofAge());
    settings.rejectUnknownKeys();
    settings.throwIfProblems();
    var feed = new BinancePriceFeed(context.http(), baseUrl, timeout, context.clock());
    return new PriceOracleTask(spec.name(), feed, symbol, new PriceCheck(deviation, maxAge), context.clock());
  }
}
