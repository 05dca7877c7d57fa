package avs.execution.devnet;

import avs.execution.ExecutionService;
import avs.execution.ValidationService;
import avs.execution.config.Settings;
import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.task.price.Exchange;
import avs.execution.task.price.PriceMedianFactory;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.Hex;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignatureType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A LOCAL STAND-IN for an Othentic AVS network in one process — not the Othentic network: an aggregator with a
 * JSON-RPC {@code sendTask} endpoint that verifies signatures as the network does, N attesters each asking its own
 * validation service, our execution service as the performer, and the price feed they all read. Any execution
 * service, in any language, can submit to the aggregator's URL.
 */
public final class Devnet implements AutoCloseable {
  private static final Duration VOTE_TIMEOUT = Duration.ofSeconds(15);
  /** How many decided tasks are remembered for awaitOutcome before the oldest decisions are dropped. */
  private static final int MAX_REMEMBERED = 10_000;
  /** The dishonest performer's prices are 20 % too high: four times what attesters allow by default. */
  static final BigDecimal WRONG_PRICE_FACTOR = new BigDecimal("1.20");

  public enum DishonestPerformer { NONE, WRONG_PRICE, BAD_SIGNATURE }

  /**
   * What to run. {@code settings} turns variables (ports, URLs, keys) into validated settings, with whatever the
   * operator configured underneath; {@code exchange} is a real exchange's base URL, or empty for the local feed.
   */
  public record Options(
      String host,
      int aggregatorPort,
      int executionPort,
      int attesters,
      boolean dishonestAttester,
      DishonestPerformer dishonestPerformer,
      Optional<URI> exchange,
      Map<Exchange, LocalPriceFeed.Fault> exchangeFaults,
      Optional<URI> gateway,
      Path dataDir,
      Performers performers,
      long chainId,
      Function<Map<String, String>, Settings> settings) {
    public Options {
      if (attesters < 1 || attesters > 100) {
        throw new IllegalArgumentException("the number of attesters must be from 1 to 100, got " + attesters);
      }
    }
  }

  /** What happens in the network, as it happens. Called from the aggregator's and the attesters' threads. */
  public interface Events {
    void received(ReceivedTask task);

    void voted(ReceivedTask task, Vote vote);

    void decided(ReceivedTask task, Outcome outcome);

    void gossiped(NodeStandIn.CustomMessage message, int deliveredTo, int attesters);
  }

  /** What the performer's execution service answered a trigger: the proof and price, or its error message. */
  public record Triggered(int status, Optional<String> proofOfTask, Optional<String> data, String message, Duration took) {}

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
  private final ExecutorService voting = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http = Upstreams.newClient(Duration.ofSeconds(3));
  private final List<Attester> attesters = new ArrayList<>();
  private final List<ValidationService> validators = new ArrayList<>();
  private final Events events;
  private final Options options;
  private NodeStandIn aggregator;
  private ExecutionService performer;
  private String priceSource;

  private Devnet(Options options, Events events) {
    this.options = options;
    this.events = events;
  }

  public static Devnet start(Options options, Events events) {
    Devnet devnet = new Devnet(options, events);
    try {
      devnet.startParts();
      return devnet;
    } catch (RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  private void startParts() {
    Optional<LocalPriceFeed> honestFeed = options.exchange().isPresent() ? Optional.empty()
        : Optional.of(started(LocalPriceFeed.start(options.host(), 0, options.exchangeFaults())));
    String honestPrices = options.exchange().map(URI::toString).orElseGet(() -> honestFeed.orElseThrow().baseUrl());
    priceSource = options.exchange().map(u -> "exchange " + u).orElse("LOCAL PRICE FEED " + honestPrices + " (simulated prices, not market data)");
    Optional<LocalPriceFeed> skewedFeed = options.dishonestPerformer() == DishonestPerformer.WRONG_PRICE
        ? Optional.of(started(LocalPriceFeed.startSkewed(options.host(), 0, WRONG_PRICE_FACTOR)))
        : Optional.empty();
    String performerPrices = skewedFeed.map(LocalPriceFeed::baseUrl).orElse(honestPrices);
    // the multi-source oracle (builtin: price-median) reads every exchange of the local feed, in each one's own shape
    Optional<String> performerSources = skewedFeed.or(() -> honestFeed).map(LocalPriceFeed::root);
    Optional<String> honestSources = honestFeed.map(LocalPriceFeed::root);

    aggregator = started(NodeStandIn.startAggregator(options.host(), options.aggregatorPort(), options.chainId(), options.performers(),
        this::onReceived, this::gossip));
    URI aggregatorUrl = aggregatorUrl();
    URI performerNode = options.dishonestPerformer() == DishonestPerformer.BAD_SIGNATURE
        ? URI.create(local(started(new TamperingRelay(options.host(), aggregatorUrl, http)).port()) + "/")
        : aggregatorUrl;

    Map<String, String> performerVariables = new HashMap<>(Map.of(
        "PORT", Integer.toString(options.executionPort()),
        "BIND_ADDRESS", options.host(),
        "OTHENTIC_CLIENT_RPC_ADDRESS", performerNode.toString(),
        "ORACLE_BASE_URL", performerPrices,
        "PROOF_STORE", "embedded",
        "DATA_DIR", options.dataDir().resolve("performer").toString()));
    performerSources.ifPresent(root -> performerVariables.put(PriceMedianFactory.BASE_URL_VARIABLE, root));
    Settings performerSettings = options.settings().apply(performerVariables);
    register(performerSettings);
    performer = started(ExecutionService.start(performerSettings));

    String gateway = options.gateway().map(URI::toString).orElse(local(performer.port()) + "/ipfs/");
    for (int i = 1; i <= options.attesters(); i++) {
      Map<String, String> attesterVariables = new HashMap<>(Map.of(
          "VALIDATION_PORT", "0",
          "BIND_ADDRESS", options.host(),
          "ORACLE_BASE_URL", honestPrices,
          "PINATA_GATEWAY", gateway,
          "DATA_DIR", options.dataDir().resolve("attester-" + i).toString()));
      honestSources.ifPresent(root -> attesterVariables.put(PriceMedianFactory.BASE_URL_VARIABLE, root));
      ValidationService validator = started(ValidationService.start(options.settings().apply(attesterVariables)));
      validators.add(validator);
      boolean dishonest = options.dishonestAttester() && i == options.attesters();
      attesters.add(new Attester("attester-" + i, URI.create(local(validator.port()) + "/"), dishonest, http, VOTE_TIMEOUT));
    }
  }

  /** Makes the performer known to the aggregator as registration would: its address, and its BLS key if it signs BLS. */
  private void register(Settings settings) {
    String keyText = settings.privateKey().orElseThrow(() -> new IllegalArgumentException("the devnet performer needs a key")).reveal();
    Secp256k1Key key = Secp256k1Key.parse(keyText, "PRIVATE_KEY_PERFORMER");
    if (settings.signatureType() == SignatureType.BLS) {
      String address = settings.performerAddress().orElse(key.address());
      options.performers().register(address, Optional.of(BlsSigner.fromKeyText(keyText, address).publicKey()));
    } else {
      options.performers().register(key.address(), Optional.empty());
    }
  }

  private <T extends AutoCloseable> T started(T part) {
    parts.add(part);
    return part;
  }

  private void onReceived(ReceivedTask task) {
    events.received(task);
    if (outcomes.size() > MAX_REMEMBERED) {
      outcomes.values().removeIf(CompletableFuture::isDone); // decided long ago, and nobody waits for them
    }
    CompletableFuture<Outcome> outcome = outcomes.computeIfAbsent(task.proofOfTask(), cid -> new CompletableFuture<>());
    if (!task.accepted()) {
      events.decided(task, Outcome.refused());
      outcome.complete(Outcome.refused());
      return;
    }
    voting.submit(() -> attest(task, outcome));
  }

  private void attest(ReceivedTask task, CompletableFuture<Outcome> outcome) {
    List<Future<Vote>> asked = attesters.stream().map(a -> voting.submit(() -> {
      Vote vote = a.vote(task);
      events.voted(task, vote);
      return vote;
    })).toList();
    List<Vote> votes = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      votes.add(result(asked.get(i), attesters.get(i)));
    }
    Outcome decided = Outcome.of(votes);
    events.decided(task, decided); // before anyone waiting hears of it, so the journey's last line comes first
    outcome.complete(decided);
  }

  private static Vote result(Future<Vote> vote, Attester attester) {
    try {
      return vote.get(VOTE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new Vote(attester.name(), Vote.Kind.NONE, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Vote(attester.name(), Vote.Kind.NONE, "interrupted");
    }
  }

  /**
   * sendCustomMessage: every attester's validation service gets the bytes at /p2p/message, as the network gossips
   * them, with the task definition id when the sender gave one (node 1.1's two-param form).
   */
  private void gossip(NodeStandIn.CustomMessage message) {
    var post = Json.object().put("data", Hex.encode(message.data()));
    message.taskDefinitionId().ifPresent(id -> post.put("taskDefinitionId", id));
    String body = Json.MAPPER.writeValueAsString(post);
    int delivered = 0;
    for (ValidationService validator : validators) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(local(validator.port()) + "/p2p/message"))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        delivered += Upstreams.send(http, request, HttpResponse.BodyHandlers.discarding(), "validation service").statusCode() == 200 ? 1 : 0;
      } catch (UpstreamFailure e) {
        // counted as not delivered
      }
    }
    events.gossiped(message, delivered, validators.size());
  }

  /** Triggers task definition 0 without input on the performer's execution service, as a Performer node would. */
  public Triggered trigger() {
    return trigger(0, null);
  }

  /** Triggers one task of this task definition, with this input (null: none), on the performer's execution service. */
  public Triggered trigger(int taskDefinitionId, JsonNode input) {
    long start = System.nanoTime();
    var call = Json.object().put("taskDefinitionId", taskDefinitionId);
    if (input != null) {
      call.set("input", input);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(executionUrl() + "/task/execute")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.text(call))).build();
    HttpResponse<String> response = Upstreams.send(http, request, HttpResponse.BodyHandlers.ofString(), "execution service");
    JsonNode body = Json.MAPPER.readTree(response.body());
    JsonNode data = body.path("data");
    Optional<String> proof = data.path("proofOfTask").isString() ? Optional.of(data.get("proofOfTask").stringValue()) : Optional.empty();
    Optional<String> price = data.path("data").isString() ? Optional.of(data.get("data").stringValue()) : Optional.empty();
    return new Triggered(response.statusCode(), proof, price, body.path("message").asString(""), Duration.ofNanos(System.nanoTime() - start));
  }

  /** How the network decided the task with this proof, once it has; empty if it did not within the wait. */
  public Optional<Outcome> awaitOutcome(String proofOfTask, Duration wait) throws InterruptedException {
    try {
      return Optional.of(outcomes.computeIfAbsent(proofOfTask, cid -> new CompletableFuture<>()).get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  public URI aggregatorUrl() {
    return URI.create(local(aggregator.port()) + "/");
  }

  public String executionUrl() {
    return local(performer.port());
  }

  /** Where a part listening on this port is reached from this machine: the bind address, or loopback for a wildcard. */
  private String local(int port) {
    String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public String performerAddress() {
    return performer.performerAddress();
  }

  public List<Attester> attesters() {
    return List.copyOf(attesters);
  }

  public String priceSource() {
    return priceSource;
  }

  public List<ValidationService> validationServices() {
    return List.copyOf(validators);
  }

  @Override
  public void close() {
    for (AutoCloseable part : parts.reversed()) {
      try {
        part.close();
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
    voting.shutdownNow();
    http.close();
  }
}
