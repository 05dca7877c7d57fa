package avs.execution.task.price;

import avs.execution.json.Json;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference AVS's task: read a price and prove it. The proof document keeps the reference's {@code symbol} and
 * {@code price} (existing validators read them) and adds when and where the price was observed and the task id;
 * {@code data} is the price text, small enough for the chain.
 */
public final class PriceOracleTask implements TaskDefinition {
  public static final String NAME = "price-oracle";
  private final PriceFeed feed;
  private final String symbol;
  private final BigDecimal allowedDeviation;

  public PriceOracleTask(PriceFeed feed, String symbol, BigDecimal allowedDeviation) {
    this.feed = feed;
    this.symbol = symbol;
    this.allowedDeviation = allowedDeviation;
  }

  @Override
  public String name() {
    return NAME;
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

  /** Approves when the proven price is within the allowed deviation of a fresh price for the same symbol. */
  @Override
  public boolean validate(ValidationRequest request) {
    JsonNode document;
    try {
      document = Json.MAPPER.readTree(request.proofDocument());
    } catch (JacksonException e) {
      return false;
    }
    JsonNode provenSymbol = document.get("symbol");
    JsonNode provenPrice = document.get("price");
    if (provenSymbol == null || !symbol.equals(provenSymbol.asString()) || provenPrice == null) {
      return false;
    }
    BigDecimal proven;
    try {
      proven = new BigDecimal(provenPrice.asString());
    } catch (NumberFormatException e) {
      return false;
    }
    BigDecimal fresh = feed.latest(symbol).value();
    BigDecimal deviation = proven.subtract(fresh).abs().divide(fresh, MathContext.DECIMAL64);
    return deviation.compareTo(allowedDeviation) <= 0;
  }
}
