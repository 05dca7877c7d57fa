package avs.execution.devnet;

import avs.execution.http.HttpServers;
import avs.execution.http.ServerOptions;
import avs.execution.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A LOCAL PRICE FEED for offline runs: a loopback HTTP server speaking Binance's {@code ticker/price} protocol with
 * simulated prices (a small random walk around 3000.00), never market data. Its URL is 127.0.0.1, so every proof
 * made from it names a local source.
 */
public final class LocalPriceFeed implements AutoCloseable {
  private final WebServer server;
  private final AtomicLong cents = new AtomicLong(300_000);
  private final AtomicLong requests = new AtomicLong();
  private final BigDecimal factor;

  private LocalPriceFeed(String host, int port, BigDecimal factor) {
    this.factor = factor;
    server = HttpServers.start(ServerOptions.loopback(host, port), routes -> routes.get("/api/v3/ticker/price", this::price));
  }

  public static LocalPriceFeed start(String host, int port) {
    return new LocalPriceFeed(host, port, BigDecimal.ONE);
  }

  /** A feed whose prices are the walk times {@code factor}: the devnet's dishonest performer reads a wrong price here. */
  public static LocalPriceFeed startSkewed(String host, int port, BigDecimal factor) {
    return new LocalPriceFeed(host, port, factor);
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
    requests.incrementAndGet();
    String symbol = request.query().first("symbol").orElse("");
    if (!symbol.matches("[A-Z0-9]{2,20}")) {
      response.status(400).header(HeaderNames.CONTENT_TYPE, "application/json")
          .send(Json.bytes(Json.object().put("code", -1121).put("msg", "Invalid symbol.")));
      return;
    }
    long now = cents.accumulateAndGet(ThreadLocalRandom.current().nextLong(-150, 151), (a, b) -> Math.max(100, a + b));
    String price = BigDecimal.valueOf(now, 2).multiply(factor).setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    response.header(HeaderNames.CONTENT_TYPE, "application/json")
        .send(Json.bytes(Json.object().put("symbol", symbol).put("price", price)));
  }
}
