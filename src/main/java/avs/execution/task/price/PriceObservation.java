package avs.execution.task.price;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

/** A price as the exchange stated it (text kept exactly, e.g. "3012.34000000"), when and where it was read. */
public record PriceObservation(String symbol, String price, Instant observedAt, URI source) {
  public BigDecimal value() {
    return new BigDecimal(price);
  }
}
