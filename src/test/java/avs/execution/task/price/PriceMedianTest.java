package avs.execution.task.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.devnet.LocalPriceFeed;
import avs.execution.error.BadRequest;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.logging.Secret;
import avs.execution.task.DataPlacement;
import avs.execution.task.InvalidTaskSpec;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.TaskSpec;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The multi-source oracle (builtin: price-median) against the devnet's local feed, which answers as each of the six
 * exchanges does: all honest, and with one down, one lying and one slow, the median is still proved and the proof
 * says what was left out.
 */
@Timeout(60)
class PriceMedianTest {
  private static final PriceOracleSettings DEFAULTS = new PriceOracleSettings(URI.create("https://api.binance.com/api/v3/"), "ETHUSDT",
      Duration.ofSeconds(2), new BigDecimal("0.05"), Duration.ofHours(1));

  private static TaskDefinition oracle(String settings, Map<String, String> variables) {
    Map<String, Secret> secrets = new HashMap<>();
    variables.forEach((k, v) -> secrets.put(k, new Secret(v)));
    TaskContext context = new TaskContext(Upstreams.newClient(Duration.ofSeconds(2)), Clock.systemUTC(), Path.of("."), secrets, new PrometheusRegistry());
    TaskSpec spec = new TaskSpec(OptionalInt.of(0), "price-median", PriceMedianFactory.KIND, Json.MAPPER.readTree(settings), Json.object(),
        DataPlacement.INLINE, "tasks[0]");
    return new PriceMedianFactory(DEFAULTS).create(spec, context);
  }

  private static TaskRequest request() {
    return new TaskRequest("task-1", 0, OptionalLong.empty(), null);
  }

  @Test
  void sixHonestExchangesGiveTheirMedianAndAttestersApprove() {
    try (LocalPriceFeed feed = LocalPriceFeed.start("127.0.0.1", 0);
         TaskDefinition task = oracle("{}", Map.of(PriceMedianFactory.BASE_URL_VARIABLE, feed.root()))) {
      TaskResult result = task.execute(request());
      JsonNode steps = Json.MAPPER.readTree(result.proofDocument()).path("steps");
      assertThat(steps.path("median").path("used")).hasSize(6);
      assertThat(steps.path("kraken").path("url").asString()).isEqualTo(feed.root() + "/0/public/Ticker?pair=ETHUSD");
      assertThat(steps.path("bitstamp").path("url").asString()).isEqualTo(feed.root() + "/api/v2/ticker/ethusd/");
      assertThat(new BigDecimal(new String(result.data(), StandardCharsets.UTF_8))).isBetween(new BigDecimal("1"), new BigDecimal("10000"));
      Verdict verdict = task.validate(new ValidationRequest("Qm", result.proofDocument(), result.data(), 0, "0xabc"));
      assertThat(verdict.approved()).as(verdict.reason()).isTrue();
    }
  }

  @Test
  void oneDownOneLyingOneSlowLeavesThreeAndTheProofSaysWhy() {
    var faults = Map.of(Exchange.OKX, LocalPriceFeed.Fault.DOWN, Exchange.KRAKEN, LocalPriceFeed.Fault.LIE, Exchange.BYBIT, LocalPriceFeed.Fault.SLOW);
    try (LocalPriceFeed feed = LocalPriceFeed.start("127.0.0.1", 0, faults);
         TaskDefinition task = oracle("{\"timeout\": \"500ms\"}", Map.of(PriceMedianFactory.BASE_URL_VARIABLE, feed.root()))) {
      TaskResult result = task.execute(request());
      JsonNode median = Json.MAPPER.readTree(result.proofDocument()).path("steps").path("median");
      assertThat(median.path("used").toString()).isEqualTo("[\"binance_price\",\"coinbase_price\",\"bitstamp_price\"]");
      assertThat(median.path("dropped").toString()).contains("okx_price", "answered HTTP 503", "bybit_price", "did not finish its answer within 500 ms",
          "kraken_price", "more than maxDeviation 2 %");
      Verdict verdict = task.validate(new ValidationRequest("Qm", result.proofDocument(), result.data(), 0, "0xabc"));
      assertThat(verdict.reason()).contains("the proof left out", "kraken_price");
    }
  }

  @Test
  void itTakesNoInputAndChecksItsSettings() {
    try (TaskDefinition task = oracle("{}", Map.of())) {
      assertThatThrownBy(() -> task.checkInput(Json.object().put("symbol", "BTCUSDT"))).isInstanceOf(BadRequest.class)
          .hasMessageContaining("takes no input; it proves the price of ETHUSDT");
    }
    assertThatThrownBy(() -> oracle("{\"symbol\": \"ETH\", \"sources\": [\"binance\", \"mtgox\"], \"baseUrls\": {\"ftx\": \"http://x\"}}", Map.of()))
        .isInstanceOfSatisfying(InvalidTaskSpec.class, e -> assertThat(e.problems()).contains(
            "tasks[0].symbol: must be a base asset then a quote asset (USDT, USDC, USD, EUR, BTC or ETH), e.g. ETHUSDT (got \"ETH\")",
            "tasks[0].sources: \"mtgox\" is not a source this oracle reads (binance, coinbase, kraken, okx, bybit, bitstamp)",
            "tasks[0].baseUrls.ftx: is not one of the sources (binance, coinbase, kraken, okx, bybit, bitstamp)"));
  }

  @Test
  void realExchangesAreTheDefaultAndPublicOnly() {
    try (TaskDefinition task = oracle("{\"sources\": [\"binance\", \"coinbase\", \"kraken\"]}", Map.of())) {
      assertThat(task.name()).isEqualTo("price-median");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "binance,  ETHUSDT, /api/v3/ticker/price?symbol=ETHUSDT,             price",
      "coinbase, ETHUSDT, /v2/prices/ETH-USD/spot,                         data.amount",
      "kraken,   ETHUSDT, /0/public/Ticker?pair=ETHUSD,                    result.XETHZUSD.c.0",
      "kraken,   BTCUSD,  /0/public/Ticker?pair=XBTUSD,                    result.XXBTZUSD.c.0",
      "kraken,   SOLUSDT, /0/public/Ticker?pair=SOLUSD,                    result.SOLUSD.c.0",
      "okx,      ETHUSDT, /api/v5/market/ticker?instId=ETH-USDT,           data.0.last",
      "bybit,    ETHUSDT, /v5/market/tickers?category=spot&symbol=ETHUSDT, result.list.0.lastPrice",
      "bitstamp, BTCUSD,  /api/v2/ticker/btcusd/,                          last"})
  void eachExchangeHasItsOwnPathSymbolAndShape(String id, String symbol, String path, String pricePath) {
    Exchange exchange = Exchange.byId(id).orElseThrow();
    Exchange.Pair pair = Exchange.Pair.of(symbol).orElseThrow();
    assertThat(exchange.tickerPath(pair)).isEqualTo(path);
    assertThat(String.join(".", exchange.pricePath(pair))).isEqualTo(pricePath);
    JsonNode answer = exchange.answer(pair, "1.5");
    for (String key : exchange.pricePath(pair)) {
      answer = answer.isArray() ? answer.get(Integer.parseInt(key)) : answer.get(key);
    }
    assertThat(answer.asString()).isEqualTo("1.5");
    assertThat(List.of(Exchange.values())).hasSizeGreaterThanOrEqualTo(5);
  }
}
