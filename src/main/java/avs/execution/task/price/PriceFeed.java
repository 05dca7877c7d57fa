package avs.execution.task.price;

/** Where prices come from. */
public interface PriceFeed {
  /** The current price of a symbol such as ETHUSDT; an UpstreamFailure if the source fails. */
  PriceObservation latest(String symbol);
}
