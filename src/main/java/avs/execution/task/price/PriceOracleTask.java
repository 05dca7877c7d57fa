package avs.execution.task.price;

import avs.execution.error.BadRequest;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference AVS's task: read a price and prove it. The proof document keeps the reference's {@code symbol} and
 * {@code price} (existing validators read them) and adds when and where the price was observed and the task id;
 * {@code data} is the price text, small enough for the chain.
 */
public final class PriceOracleTask implements TaskDefinition {
  private final String name;
  private final PriceFeed feed;
  private final String symbol;
  private final PriceCheck check;
  private final Clock clock;

  public PriceOracleTask(String name, PriceFeed feed, String symbol, PriceCheck check, Clock clock) {
    this.name = name;
    this.feed = feed;
    this.symbol = symbol;
    this.check = check;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  /** The reference's task takes no input: its price is the configured symbol's, and only that is proved. */
  @Override
  public void checkInput(JsonNode input) {
    if (input != null && !input.isNull()) {
      throw new BadRequest("input", "the price oracle (" + name + ") takes no input; it proves the price of " + symbol);
    }
  }

  @Override
  public TaskResult execute(TaskRequest request) {
    PriceObservation price = feed.latest(symbol);
    ObjectNode document = Json.object()
        .put("symbol", price.symbol())
        .put("price", price.price())
        .put("observedAt", price.observedAt().toString())
        .put("source", price.source().toString())
        .put("taskId", request.taskId());
    return new TaskResult(Json.bytes(document), price.price().getBytes(StandardCharsets.UTF_8), price.symbol() + " " + price.price());
  }

  /**
   * Approves when the proof is for this AVS's symbol, was observed recently, and its price is within the allowed
   * deviation of a fresh price. Proofs in the reference's format ({@code symbol} and {@code price} only) carry no
   * observation time and are judged on their price, so networks that mix both services keep working. Proofs in this
   * service's format must also put their price in {@code data}, the value that goes on chain.
   */
  @Override
  public Verdict validate(ValidationRequest request) {
    JsonNode document;
    try {
      document = Json.MAPPER.readTree(request.proofDocument());
    } catch (JacksonException e) {
      return Verdict.refuse("the proof document is not JSON");
    }
    if (document == null || !document.isObject()) {
      return Verdict.refuse("the proof document is not a JSON object");
    }
    String provenSymbol = text(document, "symbol");
    if (provenSymbol == null) {
      return Verdict.refuse("the proof has no symbol");
    }
    if (!symbol.equals(provenSymbol)) {
      return Verdict.refuse("the proof is for " + provenSymbol + ", but this AVS proves " + symbol);
    }
    String provenText = text(document, "price");
    BigDecimal proven = provenText == null ? null : decimal(provenText);
    if (proven == null || proven.signum() <= 0) {
      return Verdict.refuse("the proof's price " + (provenText == null ? "is missing" : "\"" + provenText + "\" is not a positive number"));
    }
    String observedText = text(document, "observedAt");
    if (observedText != null) {
      Optional<String> timing = timing(observedText);
      if (timing.isPresent()) {
        return Verdict.refuse(timing.get());
      }
    }
    if (document.has("taskId") && request.data().length > 0 && !provenText.equals(new String(request.data(), StandardCharsets.UTF_8))) {
      return Verdict.refuse("data \"" + Upstreams.excerpt(new String(request.data(), StandardCharsets.UTF_8)) + "\" is not the proven price " + provenText);
    }
    BigDecimal fresh = feed.latest(symbol).value();
    BigDecimal deviation = proven.subtract(fresh).abs().divide(fresh, MathContext.DECIMAL64);
    String comparison = "the proven price " + provenText + " is " + percent(deviation) + " from the current " + symbol + " price "
        + fresh.toPlainString() + " (allowed: " + percent(check.allowedDeviation()) + ")";
    if (deviation.compareTo(check.allowedDeviation()) > 0) {
      return Verdict.refuse(comparison);
    }
    return Verdict.approve(observedText == null ? comparison + "; a reference-format proof without observation time, judged on its price" : comparison);
  }

  /** Why the observation time is unacceptable (unreadable, too old, in the future), or empty when it is fine. */
  private Optional<String> timing(String observedText) {
    Instant observedAt;
    try {
      observedAt = Instant.parse(observedText);
    } catch (DateTimeParseException e) {
      return Optional.of("the proof's observedAt \"" + observedText + "\" is not an ISO-8601 instant");
    }
    Duration age = Duration.between(observedAt, clock.instant());
    if (age.compareTo(check.maxAge()) > 0) {
      return Optional.of("the proof is stale: observed at " + observedAt + ", " + age.toSeconds() + " s ago (the limit, PROOF_MAX_AGE_SECONDS, is "
          + check.maxAge().toSeconds() + " s)");
    }
    if (age.negated().compareTo(PriceCheck.CLOCK_SKEW) > 0) {
      return Optional.of("the proof claims to be observed at " + observedAt + ", " + age.negated().toSeconds() + " s in the future");
    }
    return Optional.empty();
  }

  private static String text(JsonNode document, String field) {
    JsonNode node = document.get(field);
    return node != null && (node.isString() || node.isNumber()) ? node.asString() : null;
  }

  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " %";
  }
}
