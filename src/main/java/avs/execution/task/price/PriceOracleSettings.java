package avs.execution.task.price;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/**
 * The built-in price oracle's settings: the exchange API base (ORACLE_BASE_URL), the symbol, the exchange timeout,
 * and how attesters judge a proven price (ALLOWED_PRICE_DEVIATION, PROOF_MAX_AGE_SECONDS). A tasks file entry
 * may override each for its own task.
 */
public record PriceOracleSettings(URI baseUrl, String symbol, Duration timeout, BigDecimal allowedDeviation, Duration maxProofAge) {}
