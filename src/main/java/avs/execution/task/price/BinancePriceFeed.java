package avs.execution.task.price;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.UpstreamFailure.Kind;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.task.InFlight;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Binance's {@code GET ticker/price?symbol=…} (or any exchange speaking it), base URL from ORACLE_BASE_URL.
 *
 * <p>Concurrent requests for one symbol share a single in-flight fetch: under load the exchange sees one request
 * per round trip instead of one per task (Binance bans clients that exceed its request weight), and each caller
 * still gets a price read after it asked or at most one round trip before.
 */
public final class BinancePriceFeed implements PriceFeed {
  private static final String UPSTREAM = "exchange";
  private final HttpClient http;
  private final URI baseUrl;
  private final Duration timeout;
  private final Clock clock;
  private final InFlight<String, PriceObservation> inFlight = new InFlight<>();

  public BinancePriceFeed(HttpClient http, URI baseUrl, Duration timeout, Clock clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public PriceObservation latest(String symbol) {
    return inFlight.get(symbol, () -> fetch(symbol));
  }

  private PriceObservation fetch(String symbol) {
    URI url = baseUrl.resolve("ticker/price?symbol=" + symbol);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
    HttpResponse<String> response = Upstreams.send(http, request, HttpResponse.BodyHandlers.ofString(), UPSTREAM);
    int status = response.statusCode();
    if (status == 429 || status == 418 || status == 503) {
      throw new UpstreamFailure(UPSTREAM, Kind.UNAVAILABLE, "rate-limited or unavailable (HTTP " + status + ") at " + url);
    }
    if (status / 100 != 2) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "HTTP " + status + " from " + url + ": " + Upstreams.excerpt(response.body()));
    }
    return parse(symbol, url, response.body());
  }

  private PriceObservation parse(String symbol, URI url, String body) {
    try {
      JsonNode answer = Json.MAPPER.readTree(body);
      JsonNode price = answer.get("price");
      JsonNode answeredSymbol = answer.get("symbol");
      if (price != null && price.isString() && isPositiveDecimal(price.stringValue())
          && (answeredSymbol == null || symbol.equals(answeredSymbol.asString()))) {
        return new PriceObservation(symbol, price.stringValue(), clock.instant(), url);
      }
    } catch (JacksonException e) {
      // reported below
    }
    throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER,
        "answer from " + url + " is not {\"symbol\":\"" + symbol + "\",\"price\":\"<positive decimal>\"}: " + Upstreams.excerpt(body));
  }

  private static boolean isPositiveDecimal(String text) {
    if (!text.matches("[0-9]{1,30}(\\.[0-9]{1,30})?")) {
      return false;
    }
    return new BigDecimal(text).signum() > 0;
  }
}
