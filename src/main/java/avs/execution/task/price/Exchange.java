package avs.execution.task.price;

import avs.execution.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public ticker APIs the multi-source price oracle ({@code builtin: price-median}) reads: for each, where its
 * ticker is, how a symbol such as ETHUSDT is written there, and where the last price sits in its answer. The
 * devnet's local price feed answers in the same shapes ({@link #answer}), so the oracle runs offline unchanged.
 * USD-only exchanges (Coinbase, Kraken, Bitstamp) quote a USDT or USDC pair in USD, which tracks it within the
 * oracle's 2 % outlier band.
 */
public enum Exchange {
  BINANCE("binance", "https://api.binance.com", List.of("price")),
  COINBASE("coinbase", "https://api.coinbase.com", List.of("data", "amount")),
  KRAKEN("kraken", "https://api.kraken.com", List.of("result", "*", "c", "0")),
  OKX("okx", "https://www.okx.com", List.of("data", "0", "last")),
  BYBIT("bybit", "https://api.bybit.com", List.of("result", "list", "0", "lastPrice")),
  BITSTAMP("bitstamp", "https://www.bitstamp.net", List.of("last"));

  private static final List<String> QUOTES = List.of("USDT", "USDC", "USD", "EUR", "BTC", "ETH");
  private static final Set<String> USD_ONLY_QUOTES = Set.of("USDT", "USDC");
  private static final Set<String> KRAKEN_LEGACY = Set.of("XBT", "ETH", "LTC", "XRP", "XLM", "ETC", "ZEC", "XMR", "MLN", "REP", "XDG");
  private static final Set<String> KRAKEN_FIAT = Set.of("USD", "EUR", "GBP", "JPY", "CAD");

  private final String id;
  private final String defaultBase;
  private final List<String> pricePath;

  Exchange(String id, String defaultBase, List<String> pricePath) {
    this.id = id;
    this.defaultBase = defaultBase;
    this.pricePath = pricePath;
  }

  /** A symbol split into its base and quote assets: ETHUSDT is ETH and USDT. */
  public record Pair(String base, String quote) {
    public static Optional<Pair> of(String symbol) {
      for (String quote : QUOTES) {
        if (symbol.endsWith(quote) && symbol.length() > quote.length()) {
          return Optional.of(new Pair(symbol.substring(0, symbol.length() - quote.length()), quote));
        }
      }
      return Optional.empty();
    }

    String usdQuote() {
      return USD_ONLY_QUOTES.contains(quote) ? "USD" : quote;
    }
  }

  public String id() {
    return id;
  }

  public String defaultBase() {
    return defaultBase;
  }

  public static Optional<Exchange> byId(String id) {
    for (Exchange exchange : values()) {
      if (exchange.id.equals(id)) {
        return Optional.of(exchange);
      }
    }
    return Optional.empty();
  }

  /** The ticker's path and query for a pair, e.g. {@code /v2/prices/ETH-USD/spot}. */
  public String tickerPath(Pair pair) {
    return switch (this) {
      case BINANCE -> "/api/v3/ticker/price?symbol=" + pair.base() + pair.quote();
      case COINBASE -> "/v2/prices/" + pair.base() + "-" + pair.usdQuote() + "/spot";
      case KRAKEN -> "/0/public/Ticker?pair=" + krakenAsset(pair.base()) + pair.usdQuote();
      case OKX -> "/api/v5/market/ticker?instId=" + pair.base() + "-" + pair.quote();
      case BYBIT -> "/v5/market/tickers?category=spot&symbol=" + pair.base() + pair.quote();
      case BITSTAMP -> "/api/v2/ticker/" + (pair.base() + pair.usdQuote()).toLowerCase(Locale.ROOT) + "/";
    };
  }

  /** Where the last price is in the answer (Kraken's result is keyed by its own pair name). */
  public List<String> pricePath(Pair pair) {
    return pricePath.stream().map(key -> key.equals("*") ? krakenResultKey(pair) : key).toList();
  }

  /** The answer this exchange gives for a pair at a price, in its own shape (for stand-ins and the devnet). */
  public ObjectNode answer(Pair pair, String price) {
    ObjectNode answer = Json.object();
    switch (this) {
      case BINANCE -> answer.put("symbol", pair.base() + pair.quote()).put("price", price);
      case COINBASE -> answer.putObject("data").put("amount", price).put("base", pair.base()).put("currency", pair.usdQuote());
      case KRAKEN -> {
        answer.putArray("error");
        ObjectNode ticker = answer.putObject("result").putObject(krakenResultKey(pair));
        ticker.putArray("a").add(price).add("1").add("1.000");
        ticker.putArray("c").add(price).add("0.01000000");
      }
      case OKX -> {
        answer.put("code", "0").put("msg", "");
        answer.putArray("data").addObject().put("instId", pair.base() + "-" + pair.quote()).put("last", price);
      }
      case BYBIT -> {
        answer.put("retCode", 0).put("retMsg", "OK");
        ObjectNode result = answer.putObject("result").put("category", "spot");
        result.putArray("list").addObject().put("symbol", pair.base() + pair.quote()).put("lastPrice", price);
      }
      case BITSTAMP -> answer.put("last", price).put("pair", pair.base() + "/" + pair.usdQuote());
    }
    return answer;
  }

  private static String krakenAsset(String asset) {
    return asset.equals("BTC") ? "XBT" : asset.equals("DOGE") ? "XDG" : asset;
  }

  private static String krakenResultKey(Pair pair) {
    String base = krakenAsset(pair.base());
    String quote = pair.usdQuote();
    return KRAKEN_LEGACY.contains(base) && KRAKEN_FIAT.contains(quote) ? "X" + base + "Z" + quote : base + quote;
  }
}
