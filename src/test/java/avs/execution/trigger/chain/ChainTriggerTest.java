package avs.execution.trigger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.trigger.RecordedFirings;
import avs.execution.trigger.PerformerGate;
import avs.execution.trigger.TriggerMetrics;
import avs.execution.trigger.TriggerSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Block and event triggers against a scripted chain on 127.0.0.1: confirmations, keys, range limits, reorganisations, the gate. */
@Timeout(60)
class ChainTriggerTest {
  private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private final ScriptedChain chain = new ScriptedChain();
  private final RecordedFirings recorded = new RecordedFirings();
  private final Map<String, JsonNode> fired = recorded.fired;
  private final Map<String, String> cursors = recorded.cursors;

  @AfterEach
  void stop() {
    chain.close();
  }

  private EthRpc rpc() {
    return new EthRpc(Upstreams.newClient(Duration.ofSeconds(2)), java.net.URI.create(chain.url()), Duration.ofSeconds(5));
  }

  private ChainTrigger trigger(String kind, ChainTrigger.Source source, int confirmations, Optional<Long> from, int maxRange, PerformerGate gate) {
    TriggerSpec spec = new TriggerSpec(7, "task", kind, Json.object(), "tasks[0].trigger");
    return new ChainTrigger(spec, rpc(), new ChainTrigger.Settings(source, confirmations, from, Duration.ofMillis(100), maxRange), gate, recorded, recorded,
        new TriggerMetrics(new PrometheusRegistry()));
  }

  private static EventSignature event() {
    return EventSignature.parse("TaskRequested(uint256 indexed id, bytes input)", new StringBuilder()).orElseThrow();
  }

  private ChainTrigger events(int confirmations, int maxRange) {
    return trigger("event", new ChainTrigger.Events(CONTRACT, event(), List.of(event().topic())), confirmations, Optional.of(1L), maxRange,
        PerformerGate.ALWAYS);
  }

  /** A TaskRequested(id, input) log: the id as a topic, the bytes ABI-encoded in the data. */
  private void request(long block, int index, int id, String inputHex) {
    String bytes = inputHex.substring(2);
    String data = "0x" + String.format("%064x", 32) + String.format("%064x", bytes.length() / 2) + (bytes + "0".repeat(64)).substring(0, 64);
    chain.log(block, index, List.of(event().topic(), String.format("0x%064x", id)), data);
  }

  @Test
  void everyNthConfirmedBlockFiresOnceUnderItsKey() {
    chain.mine(10);
    ChainTrigger trigger = trigger("block", new ChainTrigger.EveryBlocks(4), 2, Optional.of(1L), 3, PerformerGate.ALWAYS);
    trigger.poll();
    assertThat(fired.keySet()).containsExactly("block:7:31337:4", "block:7:31337:8");
    chain.mine(4);
    trigger.poll();
    trigger.poll();
    assertThat(fired.keySet()).containsExactly("block:7:31337:4", "block:7:31337:8", "block:7:31337:12");
    assertThat(trigger.describe().path("lagBlocks").asLong()).isEqualTo(2);
  }

  @Test
  void eventsAreDecodedIntoTheInputAndKeyedByBlockHashAndLogIndex() {
    chain.mine(5);
    request(3, 0, 42, "0xcafe");
    request(3, 1, 43, "0xbeef");
    events(2, 2000).poll();
    String key = "event:7:31337:" + chain.hashOf(3) + ":0";
    assertThat(fired).containsOnlyKeys(key, "event:7:31337:" + chain.hashOf(3) + ":1");
    JsonNode input = fired.get(key);
    assertThat(input.path("id").asString()).isEqualTo("42");
    assertThat(input.path("input").asString()).isEqualTo("0xcafe");
    assertThat(input.path("log").path("blockNumber").asLong()).isEqualTo(3);
  }

  @Test
  void aLogBeforeItsConfirmationsWaitsAndOneRemovedByAReorgNeverFires() {
    chain.mine(4);
    request(4, 0, 1, "0x01");
    ChainTrigger trigger = events(2, 2000);
    trigger.poll();
    assertThat(fired).isEmpty(); // block 4 has no confirmations yet
    chain.reorg(4); // the log is gone with its block
    request(4, 0, 2, "0x02"); // and a different one is in the new block 4
    chain.mine(2);
    trigger.poll();
    assertThat(fired.values()).extracting(v -> v.path("id").asString()).containsExactly("2");
  }

  @Test
  void aDeepReorganisationRewindsToTheCommonAncestorAndFiresTheNewLogsOnce() {
    chain.mine(10);
    request(6, 0, 1, "0x01");
    ChainTrigger trigger = events(2, 3);
    trigger.poll();
    assertThat(fired).hasSize(1);
    chain.reorg(5); // deeper than the confirmations: blocks 5.. are replaced after the trigger processed them
    request(7, 0, 2, "0x02");
    trigger.poll();
    assertThat(fired.values()).extracting(v -> v.path("id").asString()).containsExactly("1", "2");
    assertThat(cursors.get("event:7")).contains("\"block\":8");
    trigger.poll();
    assertThat(fired).hasSize(2); // nothing twice
  }

  @Test
  void aProvidersRangeLimitHalvesTheRangeAndNothingIsMissed() {
    chain.mine(40);
    for (int b = 1; b <= 38; b += 5) {
      request(b, 0, b, "0x00");
    }
    chain.maxLogRange = 5;
    ChainTrigger trigger = events(2, 32);
    for (int i = 0; i < 10 && fired.size() < 8; i++) {
      trigger.poll();
    }
    assertThat(chain.rangeErrors.get()).isGreaterThan(0);
    assertThat(fired).hasSize(8);
    assertThat(trigger.describe().path("logRange").asInt()).isLessThanOrEqualTo(32);
  }

  @Test
  void aRestartContinuesFromTheSavedCursor() {
    chain.mine(6);
    request(2, 0, 1, "0x01");
    events(2, 2000).poll();
    request(5, 0, 2, "0x02");
    chain.mine(3);
    events(2, 2000).poll(); // a new trigger object, as after a restart: it reads the cursor
    assertThat(fired.values()).extracting(v -> v.path("id").asString()).containsExactly("1", "2");
  }

  @Test
  void roundRobinElectsTheOperatorAtBlockModuloTheirNumber() {
    String me = "0x00000000000000000000000000000000000000aa";
    chain.operators(List.of("0x00000000000000000000000000000000000000bb", me));
    chain.mine(8);
    ChainTrigger trigger = trigger("block", new ChainTrigger.EveryBlocks(1), 0, Optional.of(1L), 100,
        new RoundRobinGate(rpc(), CONTRACT, me, true));
    trigger.poll();
    assertThat(fired.keySet()).containsExactly("block:7:31337:1", "block:7:31337:3", "block:7:31337:5", "block:7:31337:7");
    assertThat(RoundRobinGate.decode("0x" + String.format("%064x%064x", 32, 0))).isEmpty();
  }

  @Test
  void theEventSignatureIsCheckedAndIndexedFiltersBecomeTopics() {
    StringBuilder why = new StringBuilder();
    assertThat(EventSignature.parse("TaskRequested(uint256 indexed, bytes input)", why)).isEmpty();
    assertThat(why.toString()).contains("each parameter needs a name");
    EventSignature event = event();
    assertThat(event.topic()).isEqualTo(org.web3j.crypto.Hash.sha3String("TaskRequested(uint256,bytes)"));
    assertThat(event.topicFor("id", "5", why)).contains(String.format("0x%064x", 5));
    assertThat(event.topicFor("input", "5", new StringBuilder())).isEmpty();
  }
}
