package avs.execution.task.pipeline;

import static avs.execution.task.pipeline.PipelineFixtures.pipeline;
import static avs.execution.task.pipeline.PipelineFixtures.proof;
import static avs.execution.task.pipeline.PipelineFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.UpstreamFailure;
import avs.execution.support.LoopbackServer;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Pipelines against exchange stand-ins on 127.0.0.1 that answer in each exchange's real format: one down, one
 * slow, one lying; the task still proves the right median and says what it dropped; attesters re-run or re-fetch.
 */
@Timeout(60)
class PipelineSourcesTest {
  private LoopbackServer exchanges;
  private final AtomicReference<String> binancePrice = new AtomicReference<>("3412.15");
  private final AtomicReference<String> krakenPrice = new AtomicReference<>("3411.90000");
  private final AtomicReference<Integer> coinbaseStatus = new AtomicReference<>(200);
  private final List<String> queries = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    exchanges = LoopbackServer.start(routes -> routes
        .get("/api/v3/ticker/price", (req, res) -> {
          queries.add(req.query().rawValue());
          res.send("{\"symbol\":\"" + req.query().get("symbol") + "\",\"price\":\"" + binancePrice.get() + "\"}");
        })
        .get("/v2/prices/ETH-USD/spot", (req, res) -> {
          res.status(Status.create(coinbaseStatus.get()));
          res.send(coinbaseStatus.get() == 200 ? "{\"data\":{\"amount\":\"3413.01\",\"base\":\"ETH\",\"currency\":\"USD\"}}" : "{\"message\":\"no\"}");
        })
        .get("/0/public/Ticker", (req, res) -> res.send("{\"error\":[],\"result\":{\"XETHZUSD\":{\"a\":[\"3412.0\",\"1\",\"1.0\"],"
            + "\"c\":[\"" + krakenPrice.get() + "\",\"0.1\"]}}}"))
        .get("/slow", (req, res) -> {
          sleep(Long.parseLong(req.query().get("ms")));
          res.send("{\"last\":\"" + req.query().get("price") + "\"}");
        })
        .get("/status/{code}", (req, res) -> {
          res.status(Status.create(Integer.parseInt(req.path().pathParameters().get("code"))));
          res.send("{\"msg\":\"refused\"}");
        })
        .get("/redirect", (req, res) -> {
          res.status(Status.FOUND_302);
          res.header(HeaderNames.LOCATION, "http://169.254.169.254/latest/meta-data/");
          res.send();
        }));
  }

  @AfterEach
  void stop() {
    exchanges.close();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String median(String extraSources, String inputs, String validate) {
    String base = "http://127.0.0.1:" + exchanges.port();
    return "steps:\n"
        + "  binance:  {http: {url: '" + base + "/api/v3/ticker/price?symbol=$(input.symbol)'}}\n"
        + "  b:        {jsonparse: {input: binance, path: [price]}}\n"
        + "  coinbase: {http: {url: '" + base + "/v2/prices/ETH-USD/spot'}}\n"
        + "  c:        {jsonparse: {input: coinbase, path: [data, amount]}}\n"
        + "  kraken:   {http: {url: '" + base + "/0/public/Ticker?pair=ETHUSD'}}\n"
        + "  k:        {jsonparse: {input: kraken, path: [result, XETHZUSD, c, 0]}}\n"
        + extraSources
        + "  px:       {median: {inputs: [" + inputs + "], minAnswers: 2, maxDeviation: '2%'}}\n"
        + "  out:      {multiply: {input: px, times: '100000000'}}\n"
        + "data: out\n"
        + "validate: " + validate + "\n"
        + "allowPrivateNetwork: true\n";
  }

  private static ValidationRequest validation(TaskResult result) {
    return new ValidationRequest("QmProof", result.proofDocument(), result.data(), 3, "0xabc");
  }

  @Test
  void threeHonestSourcesGiveTheirMedianAndTheProofIsTheEvidence() {
    try (TaskDefinition task = pipeline(median("", "b, c, k", "{method: rerun, tolerance: '0.5%'}"))) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      assertThat(new String(result.data(), StandardCharsets.UTF_8)).isEqualTo("341215000000");
      JsonNode steps = proof(result.proofDocument()).path("steps");
      assertThat(steps.path("binance").path("url").asString()).isEqualTo("http://127.0.0.1:" + exchanges.port() + "/api/v3/ticker/price?symbol=ETHUSDT");
      assertThat(steps.path("binance").path("status").asInt()).isEqualTo(200);
      assertThat(steps.path("binance").path("sha256").asString()).hasSize(64);
      assertThat(steps.path("binance").has("fetchedAt")).isTrue();
      assertThat(steps.path("k").path("value").asString()).isEqualTo("3411.90000");
      assertThat(steps.path("px").path("values").toString()).isEqualTo("{\"b\":\"3412.15\",\"c\":\"3413.01\",\"k\":\"3411.9\"}");
      assertThat(task.validate(validation(result)).approved()).isTrue();
    }
  }

  @Test
  void oneDownOneSlowOneLyingStillProvesTheMedianAndSaysWhatItDropped() {
    coinbaseStatus.set(503);
    krakenPrice.set("3700.0");
    String slow = "  okx:      {http: {url: 'http://127.0.0.1:" + exchanges.port() + "/slow?ms=3000&price=3410', timeout: 300ms}}\n"
        + "  o:        {jsonparse: {input: okx, path: [last]}}\n"
        + "  bitstamp: {http: {url: 'http://127.0.0.1:" + exchanges.port() + "/slow?ms=10&price=3412.25'}}\n"
        + "  s:        {jsonparse: {input: bitstamp, path: [last]}}\n";
    try (TaskDefinition task = pipeline(median(slow, "b, c, k, o, s", "{method: rerun, tolerance: '0.5%'}"))) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      assertThat(new String(result.data(), StandardCharsets.UTF_8)).isEqualTo("341220000000");
      JsonNode px = proof(result.proofDocument()).path("steps").path("px");
      assertThat(px.path("used").toString()).isEqualTo("[\"b\",\"s\"]");
      assertThat(px.path("dropped").toString())
          .contains("\"step\":\"c\"", "answered HTTP 503", "\"step\":\"o\"", "did not finish its answer within 300 ms", "\"step\":\"k\"",
              "from the median 3412.25, more than maxDeviation 2 %");
    }
  }

  @Test
  void tooFewAnswersFailTheTaskAsAnUnavailableUpstream() {
    coinbaseStatus.set(451);
    binancePrice.set("not a price");
    try (TaskDefinition task = pipeline(median("", "b, c, k", "{method: rerun}"))) {
      assertThatThrownBy(() -> task.execute(request("{\"symbol\":\"ETHUSDT\"}"))).isInstanceOfSatisfying(UpstreamFailure.class, e -> {
        assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("pipeline median-test: step out (data): its input px failed: 1 of 3 inputs gave a usable answer",
            "answered HTTP 451 (unavailable for legal reasons: the source refuses this performer's country)", "b: gave not a price, not a number");
      });
    }
  }

  @Test
  void independentSourcesAreFetchedConcurrently() {
    String base = "http://127.0.0.1:" + exchanges.port() + "/slow?ms=400&price=";
    String yaml = "steps:\n  a: {http: {url: '" + base + "1'}}\n  b: {http: {url: '" + base + "2'}}\n  c: {http: {url: '" + base + "3'}}\n"
        + "  pa: {jsonparse: {input: a, path: [last]}}\n  pb: {jsonparse: {input: b, path: [last]}}\n  pc: {jsonparse: {input: c, path: [last]}}\n"
        + "  m: {mean: {inputs: [pa, pb, pc]}}\ndata: m\nallowPrivateNetwork: true\n";
    try (TaskDefinition task = pipeline(yaml)) {
      long start = System.nanoTime();
      assertThat(new String(task.execute(request(null)).data(), StandardCharsets.UTF_8)).isEqualTo("2");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000); // in sequence it is at least 1200 ms
    }
  }

  @Test
  void rerunRefusesAProofOutsideTheToleranceNamingTheSource() {
    try (TaskDefinition task = pipeline(median("", "b, c, k", "{method: rerun, tolerance: '0.01%'}"))) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      binancePrice.set("3420.00");
      krakenPrice.set("3419.0");
      Verdict verdict = task.validate(validation(result));
      assertThat(verdict.approved()).isFalse();
      assertThat(verdict.reason()).isEqualTo("re-ran the pipeline: out is 341900000000, the proof says 341215000000 (0.2 % apart; tolerance 0.01 %);"
          + " sources that differ: b 0.23 % apart; k 0.208 % apart");
    }
  }

  @Test
  void recordedChecksTheProofsArithmeticAndRefetchesEachSource() {
    try (TaskDefinition task = pipeline(median("", "b, c, k", "{method: recorded, tolerance: '0.5%'}"))) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      assertThat(task.validate(validation(result)).reason()).startsWith("the proof's steps are consistent and its sources (b, c, k) still agree");

      String document = new String(result.proofDocument(), StandardCharsets.UTF_8);
      String forgedSource = document.replace("\"type\":\"jsonparse\",\"value\":\"3412.15\"", "\"type\":\"jsonparse\",\"value\":\"3500\"");
      assertThat(forgedSource).isNotEqualTo(document);
      Verdict verdict = task.validate(new ValidationRequest("Qm", forgedSource.getBytes(StandardCharsets.UTF_8), result.data(), 3, "0xabc"));
      assertThat(verdict.reason()).isEqualTo("step px: the proof records \"3412.15\", but its recorded inputs give \"3412.455\""); // b at 3500 is an outlier: the median of c and k
      String forgedEvidence = document.replace("\"values\":{\"b\":\"3412.15\"", "\"values\":{\"b\":\"3412.16\"");
      assertThat(forgedEvidence).isNotEqualTo(document);
      Verdict lied = task.validate(new ValidationRequest("Qm", forgedEvidence.getBytes(StandardCharsets.UTF_8), result.data(), 3, "0xabc"));
      assertThat(lied.approved()).isFalse();
      assertThat(lied.reason()).startsWith("step px: the proof records values {\"b\":\"3412.16\"");

      binancePrice.set("3600");
      assertThat(task.validate(validation(result)).reason())
          .isEqualTo("source b (used by px): the proof records 3412.15, it is now 3600 (5.22 % apart; tolerance 0.5 %)");
    }
  }

  @Test
  void anUnreachableSourceWhenValidatingIsANoVoteUnlessEnoughRemain() {
    try (TaskDefinition task = pipeline(median("", "b, c, k", "{method: recorded, tolerance: '0.5%'}"))) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      coinbaseStatus.set(503);
      assertThat(task.validate(validation(result)).approved()).isTrue(); // b and k still meet minAnswers 2
      binancePrice.set("garbage");
      assertThatThrownBy(() -> task.validate(validation(result))).isInstanceOf(UpstreamFailure.class)
          .hasMessageContaining("only 1 of the sources px used could be fetched again; 2 are needed to judge");
    }
  }

  @Test
  void theDataSentMustBeTheProofsResult() {
    try (TaskDefinition task = pipeline(median("", "b, c, k", "{method: rerun, tolerance: '0.5%'}"))) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETHUSDT\"}"));
      Verdict verdict = task.validate(new ValidationRequest("Qm", result.proofDocument(), "1".getBytes(StandardCharsets.UTF_8), 3, "0xabc"));
      assertThat(verdict.reason()).isEqualTo("the task's data is not the proof's result \"341215000000\"");
    }
  }

  @Test
  void privateAndLoopbackAddressesAreRefusedByDefaultAndRedirectsNeverFollowed() {
    String yaml = "steps:\n  a: {http: {url: 'http://localhost:" + exchanges.port() + "/api/v3/ticker/price?symbol=X'}}\n"
        + "  p: {jsonparse: {input: a, path: [price]}}\ndata: p\n";
    try (TaskDefinition task = pipeline(yaml)) {
      assertThatThrownBy(() -> task.execute(request(null))).hasMessageContaining("refused to fetch http://localhost/…: localhost is 127.0.0.1, a loopback address;"
          + " a task reaches those only with allowPrivateNetwork: true");
    }
    for (String host : List.of("10.1.2.3", "169.254.169.254", "192.168.1.1", "[::1]", "100.64.0.1", "0.0.0.0")) {
      try (TaskDefinition task = pipeline(yaml.replace("localhost:" + exchanges.port(), host))) {
        assertThatThrownBy(() -> task.execute(request(null))).hasMessageContaining("refused to fetch");
      }
    }
    String redirect = "steps:\n  a: {http: {url: 'http://127.0.0.1:" + exchanges.port() + "/redirect'}}\n  p: {jsonparse: {input: a, path: [x]}}\n"
        + "data: p\nallowPrivateNetwork: true\n";
    try (TaskDefinition task = pipeline(redirect)) {
      assertThatThrownBy(() -> task.execute(request(null))).hasMessageContaining("answered HTTP 302 (a redirect: pipelines do not follow redirects)");
    }
  }

  @Test
  void aSourceThatCannotBeReachedIsNamedWithoutItsSecrets() {
    int closed = LoopbackServer.closedPort();
    String yaml = "steps:\n  a: {http: {url: 'http://127.0.0.1:" + closed + "/price?key=${API_KEY}'}}\n  p: {jsonparse: {input: a, path: [price]}}\n"
        + "data: p\nallowPrivateNetwork: true\n";
    try (TaskDefinition task = pipeline(yaml, "{}", Map.of("API_KEY", "s3cr3t-k3y"))) {
      assertThatThrownBy(() -> task.execute(request(null))).isInstanceOfSatisfying(UpstreamFailure.class, e -> {
        assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("cannot connect to http://127.0.0.1:" + closed + "/price?key=${API_KEY}").doesNotContain("s3cr3t");
      });
    }
  }

  @Test
  void secretsReachTheSourceButNeverTheProofAndRateLimitedAnswersAreCounted() throws Exception {
    PrometheusRegistry metrics = new PrometheusRegistry();
    String yaml = "steps:\n  a: {http: {url: 'http://127.0.0.1:" + exchanges.port() + "/api/v3/ticker/price?symbol=$(input.symbol)&key=${API_KEY}'}}\n"
        + "  p: {jsonparse: {input: a, path: [price]}}\n  limited: {http: {url: 'http://127.0.0.1:" + exchanges.port() + "/status/429'}}\n"
        + "  l: {jsonparse: {input: limited, path: [x]}}\n  m: {max: {inputs: [p, l], minAnswers: 1}}\ndata: m\nallowPrivateNetwork: true\n";
    try (TaskDefinition task = pipeline(yaml, "{}", Map.of("API_KEY", "s3cr3t-k3y"), metrics)) {
      TaskResult result = task.execute(request("{\"symbol\":\"ETH&x=1\"}"));
      assertThat(queries).contains("symbol=ETH%26x%3D1&key=s3cr3t-k3y");
      String document = new String(result.proofDocument(), StandardCharsets.UTF_8);
      assertThat(document).doesNotContain("s3cr3t").contains("key=${API_KEY}").contains("answered HTTP 429 (rate-limited: too many requests)");
      ByteArrayOutputStream exposition = new ByteArrayOutputStream();
      new PrometheusTextFormatWriter(false).write(exposition, metrics.scrape());
      assertThat(exposition.toString(StandardCharsets.UTF_8))
          .contains("avs_pipeline_source_requests_total{outcome=\"http_429\",step=\"limited\",task=\"median-test\"} 1.0")
          .contains("avs_pipeline_source_requests_total{outcome=\"ok\",step=\"a\",task=\"median-test\"} 1.0")
          .contains("avs_pipeline_values_dropped_total{reason=\"failed\",step=\"m\",task=\"median-test\"} 1.0");
    }
  }
}
