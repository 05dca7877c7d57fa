package avs.execution.task.price;

import avs.execution.error.BadRequest;
import avs.execution.json.Json;
import avs.execution.task.SpecReader;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskFactory;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.TaskSpec;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import avs.execution.task.pipeline.PipelineFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The multi-source price oracle ({@code builtin: price-median}): a pipeline, generated here, that reads the price of
 * one symbol from six exchanges at once and proves the median of those answering ({@code minAnswers} 3), with
 * outliers beyond 2 % dropped and recorded, so one exchange down, banned (451) or wrong proves nothing false.
 * Settings: {@code symbol} (default ORACLE_SYMBOL), {@code sources} (default all: binance, coinbase, kraken, okx,
 * bybit, bitstamp), {@code baseUrls} (per source), {@code minAnswers}, {@code maxDeviation}, {@code tolerance} (how
 * far an attester's re-run may be, default 1 %), {@code timeout}. The variable PRICE_SOURCES_BASE_URL serves every
 * source from one base (stand-ins, the devnet); configured base URLs may be private addresses.
 */
public final class PriceMedianFactory implements TaskFactory {
  public static final String KIND = "price-median";
  public static final String BASE_URL_VARIABLE = "PRICE_SOURCES_BASE_URL";
  private final PriceOracleSettings defaults;
  private final PipelineFactory pipelines = new PipelineFactory();

  public PriceMedianFactory(PriceOracleSettings defaults) {
    this.defaults = defaults;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public TaskDefinition create(TaskSpec spec, TaskContext context) {
    SpecReader settings = new SpecReader(spec.settings(), spec.place());
    String symbol = settings.string("symbol").orElse(defaults.symbol());
    Optional<Exchange.Pair> pair = Exchange.Pair.of(symbol);
    if (pair.isEmpty()) {
      settings.problem("symbol", "must be a base asset then a quote asset (USDT, USDC, USD, EUR, BTC or ETH), e.g. ETHUSDT (got \"" + symbol + "\")");
    }
    List<Exchange> sources = new ArrayList<>();
    for (String id : settings.strings("sources").orElse(List.of(Exchange.values()).stream().map(Exchange::id).toList())) {
      Exchange.byId(id).ifPresentOrElse(sources::add, () -> settings.problem("sources", "\"" + id + "\" is not a source this oracle reads (binance, coinbase, "
          + "kraken, okx, bybit, bitstamp)"));
    }
    Map<String, String> baseUrls = settings.stringMap("baseUrls");
    Optional<String> common = context.variable(BASE_URL_VARIABLE).map(secret -> secret.reveal());
    int minAnswers = settings.integer("minAnswers", 1, Math.max(1, sources.size())).orElse(Math.min(3, Math.max(1, sources.size())));
    String maxDeviation = settings.string("maxDeviation").orElse("2%");
    String tolerance = settings.string("tolerance").orElse("1%");
    Duration timeout = settings.duration("timeout", Duration.ofMillis(1), Duration.ofMinutes(5)).orElse(defaults.timeout());
    baseUrls.keySet().stream().filter(id -> Exchange.byId(id).isEmpty())
        .forEach(id -> settings.problem("baseUrls." + id, "is not one of the sources (binance, coinbase, kraken, okx, bybit, bitstamp)"));
    settings.rejectUnknownKeys();
    settings.throwIfProblems();

    ObjectNode block = Json.object();
    ObjectNode steps = block.putObject("steps");
    List<String> prices = new ArrayList<>();
    for (Exchange exchange : sources) {
      String base = Optional.ofNullable(baseUrls.get(exchange.id())).or(() -> common).orElse(exchange.defaultBase()).replaceAll("/+$", "");
      steps.putObject(exchange.id()).putObject("http").put("url", base + exchange.tickerPath(pair.get()))
          .put("timeout", timeout.toMillis() + "ms");
      ObjectNode parse = steps.putObject(exchange.id() + "_price").putObject("jsonparse").put("input", exchange.id());
      exchange.pricePath(pair.get()).forEach(parse.putArray("path")::add);
      prices.add(exchange.id() + "_price");
    }
    ObjectNode median = steps.putObject("median").putObject("median");
    prices.forEach(median.putArray("inputs")::add);
    median.put("minAnswers", minAnswers).put("maxDeviation", maxDeviation);
    block.put("data", "median");
    block.putObject("validate").put("method", "rerun").put("tolerance", tolerance);
    block.put("allowPrivateNetwork", common.isPresent() || !baseUrls.isEmpty());
    ObjectNode identity = Json.object().put("builtin", KIND).put("version", 1).put("symbol", symbol).put("minAnswers", minAnswers)
        .put("maxDeviation", maxDeviation).put("tolerance", tolerance);
    sources.forEach(exchange -> identity.withArray("sources").add(exchange.id()));
    TaskDefinition pipeline = pipelines.create(spec.name(), block, identity, spec.params(), spec.place(), context);
    return new FixedSymbol(pipeline, symbol);
  }

  /** The pipeline, refusing an input: like the single-source oracle, it proves the configured symbol only. */
  private record FixedSymbol(TaskDefinition pipeline, String symbol) implements TaskDefinition {
    @Override
    public String name() {
      return pipeline.name();
    }

    @Override
    public void checkInput(JsonNode input) {
      if (input != null && !input.isNull()) {
        throw new BadRequest("input", "the multi-source price oracle (" + name() + ") takes no input; it proves the price of " + symbol);
      }
    }

    @Override
    public TaskResult execute(TaskRequest request) {
      return pipeline.execute(request);
    }

    @Override
    public Verdict validate(ValidationRequest request) {
      return pipeline.validate(request);
    }

    @Override
    public void close() {
      pipeline.close();
    }
  }
}
