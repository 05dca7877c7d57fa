package avs.execution.devnet;

import avs.execution.config.ConfigException;
import avs.execution.http.HttpServers;
import avs.execution.http.ServerOptions;
import avs.execution.json.Json;
import avs.execution.task.price.Exchange;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A LOCAL PRICE FEED for offline runs: a loopback HTTP server speaking the ticker protocols of Binance
 * ({@code /api/v3/ticker/price}) and of every other exchange the multi-source oracle reads, each in its own response
 * shape ({@link Exchange#answer}), with simulated prices (a small random walk around 3000.00), never market data.
 * One exchange can be made to fail: {@code down} (HTTP 503), {@code slow} (answers after 8 s, past the default
 * timeout) or {@code lie} (10 % high). Its URL is 127.0.0.1, so every proof made from it names a local source.
 */
public final class LocalPriceFeed implements AutoCloseable {
  /** How an exchange of the feed misbehaves. */
  public enum Fault {
    DOWN, SLOW, LIE;

    /** {@code EXCHANGE:down|slow|lie} entries (the devnet's --exchange-fault), each exchange at most once. */
    public static Map<Exchange, Fault> parse(List<String> entries) {
      Map<Exchange, Fault> faults = new EnumMap<>(Exchange.class);
      for (String given : entries) {
        String[] parts = given.split(":", 2);
        Optional<Exchange> exchange = Exchange.byId(parts[0].strip().toLowerCase(Locale.ROOT));
        Optional<Fault> fault = Optional.empty();
        if (parts.length == 2) {
          try {
            fault = Optional.of(valueOf(parts[1].strip().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            // reported below
          }
        }
        if (exchange.isEmpty() || fault.isEmpty()) {
          throw new ConfigException(List.of("--exchange-fault must be EXCHANGE:down|slow|lie with an exchange of binance, coinbase, kraken, okx, "
              + "bybit, bitstamp (got \"" + given + "\")"));
        }
        faults.put(exchange.get(), fault.get());
      }
      return faults;
    }
  }

  private static final BigDecimal LIE_FACTOR = new BigDecimal("1.10");
  private static final long SLOW_MS = 8_000;
  private final WebServer server;
  private final AtomicLong cents = new AtomicLong(300_000);
  private final AtomicLong requests = new AtomicLong();
  private final BigDecimal factor;
  private final Map<Exchange, Fault> faults;

  private LocalPriceFeed(String host, int port, BigDecimal factor, Map<Exchange, Fault> faults) {
    this.factor = factor;
    this.faults = Map.copyOf(faults);
    server = HttpServers.start(ServerOptions.loopback(host, port), routes -> routes
        .get("/api/v3/ticker/price", this::price)
        .get("/v2/prices/{pair}/spot", (req, res) -> exchange(Exchange.COINBASE, req.path().pathParameters().get("pair").replace("-", ""), res))
        .get("/0/public/Ticker", (req, res) -> exchange(Exchange.KRAKEN, req.query().first("pair").orElse(""), res))
        .get("/api/v5/market/ticker", (req, res) -> exchange(Exchange.OKX, req.query().first("instId").orElse("").replace("-", ""), res))
        .get("/v5/market/tickers", (req, res) -> exchange(Exchange.BYBIT, req.query().first("symbol").orElse(""), res))
        .get("/api/v2/ticker/{pair}/", (req, res) -> exchange(Exchange.BITSTAMP, req.path().pathParameters().get("pair").toUpperCase(Locale.ROOT), res)));
  }

  public static LocalPriceFeed start(String host, int port) {
    return new LocalPriceFeed(host, port, BigDecimal.ONE, Map.of());
  }

  /** A feed where the exchanges named misbehave as given; the others answer honestly. */
  public static LocalPriceFeed start(String host, int port, Map<Exchange, Fault> faults) {
    return new LocalPriceFeed(host, port, BigDecimal.ONE, faults);
  }

  /** A feed whose prices are the walk times {@code factor}: the devnet's dishonest performer reads a wrong price here. */
  public static LocalPriceFeed startSkewed(String host, int port, BigDecimal factor) {
    return new LocalPriceFeed(host, port, factor, Map.of());
  }

  /** Where every exchange of the feed answers, as PRICE_SOURCES_BASE_URL. */
  public String root() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The base URL to configure as ORACLE_BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/v3/";
  }

  public long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void price(ServerRequest request, ServerResponse response) {
    exchange(Exchange.BINANCE, request.query().first("symbol").orElse(""), response);
  }

  private void exchange(Exchange exchange, String symbol, ServerResponse response) {
    requests.incrementAndGet();
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    Optional<Exchange.Pair> pair = !symbol.matches("[A-Z0-9]{2,20}") ? Optional.empty()
        : Exchange.Pair.of(symbol).or(() -> exchange == Exchange.BINANCE ? Optional.of(new Exchange.Pair(symbol, "")) : Optional.empty());
    if (pair.isEmpty()) {
      response.status(400).send(Json.bytes(Json.object().put("code", -1121).put("msg", "Invalid symbol.")));
      return;
    }
    Fault fault = faults.get(exchange);
    if (fault == Fault.DOWN) {
      response.status(503).send(Json.bytes(Json.object().put("msg", "local price feed: " + exchange.id() + " is down (--exchange-fault)")));
      return;
    }
    if (fault == Fault.SLOW) {
      try {
        Thread.sleep(SLOW_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    long now = cents.accumulateAndGet(ThreadLocalRandom.current().nextLong(-150, 151), (a, b) -> Math.max(100, a + b));
    BigDecimal value = BigDecimal.valueOf(now, 2).multiply(factor).multiply(fault == Fault.LIE ? LIE_FACTOR : BigDecimal.ONE);
    response.send(Json.bytes(exchange.answer(pair.get(), value.setScale(8, RoundingMode.HALF_EVEN).toPlainString())));
  }
}
