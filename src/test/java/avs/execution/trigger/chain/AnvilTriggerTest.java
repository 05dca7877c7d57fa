package avs.execution.trigger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.support.Anvil;
import avs.execution.trigger.RecordedFirings;
import avs.execution.trigger.PerformerGate;
import avs.execution.trigger.TriggerMetrics;
import avs.execution.trigger.TriggerSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.JsonNode;

/**
 * Chain triggers against a real local EVM node (anvil) and a real contract (TriggerFixture.sol): events decoded into
 * the input, a log that disappears in a reorganisation (evm_snapshot / evm_revert) before its confirmations never
 * fires, the one that replaces it fires once, and roundRobin reads getActiveOperatorsDetails from the contract.
 */
@Timeout(120)
class AnvilTriggerTest {
  private static Anvil anvil;
  private static String contract;
  private final RecordedFirings recorded = new RecordedFirings();
  private final Map<String, JsonNode> fired = recorded.fired;
  private final Map<String, String> cursors = recorded.cursors;

  @BeforeAll
  static void start() throws IOException {
    anvil = Anvil.start();
    contract = anvil.deployFixture();
  }

  @AfterAll
  static void stop() {
    anvil.close();
  }

  private static EthRpc rpc() {
    return new EthRpc(Upstreams.newClient(Duration.ofSeconds(2)), URI.create(anvil.url()), Duration.ofSeconds(10));
  }

  private static void request(long id, String hex) {
    anvil.send(contract, FunctionEncoder.encode(new Function("request", List.of(new Uint256(BigInteger.valueOf(id)),
        new DynamicBytes(avs.execution.sign.Hex.decode(hex))), List.of())));
  }

  private ChainTrigger events(long fromBlock) {
    EventSignature event = EventSignature.parse("TaskRequested(uint256 indexed id, bytes input)", new StringBuilder()).orElseThrow();
    TriggerSpec spec = new TriggerSpec(5, "task", "event", Json.object(), "tasks[0].trigger");
    return new ChainTrigger(spec, rpc(), new ChainTrigger.Settings(new ChainTrigger.Events(contract, event, List.of(event.topic())), 2,
        Optional.of(fromBlock), Duration.ofMillis(100), 2000), PerformerGate.ALWAYS, recorded, recorded, new TriggerMetrics(new PrometheusRegistry()));
  }

  @Test
  void eventsFireOnceConfirmedAndALogLostInAReorganisationNever() {
    long from = anvil.blockNumber() + 1;
    ChainTrigger trigger = events(from);
    request(1, "0xcafe");
    request(2, "0x");
    trigger.poll();
    anvil.mine(2);
    trigger.poll();
    assertThat(fired.values()).extracting(v -> v.path("id").asString() + "=" + v.path("input").asString()).containsExactly("1=0xcafe", "2=0x");
    assertThat(fired.keySet()).allSatisfy(key -> assertThat(key).matches("event:5:31337:0x[0-9a-f]{64}:0"));

    String snapshot = anvil.snapshot();
    request(10, "0x10");
    trigger.poll(); // not confirmed yet
    anvil.revert(snapshot); // the block with log 10 is gone
    request(11, "0x11");
    anvil.mine(3);
    trigger.poll();
    trigger.poll();
    assertThat(fired.values()).extracting(v -> v.path("id").asString()).containsExactly("1", "2", "11");
  }

  @Test
  void roundRobinReadsTheOperatorsFromTheContract() {
    String me = "0x00000000000000000000000000000000000000aa";
    anvil.send(contract, FunctionEncoder.encode(new Function("setOperators", List.of(new DynamicArray<>(Address.class,
        List.of(new Address("0x00000000000000000000000000000000000000bb"), new Address(me)))), List.of())));
    RoundRobinGate gate = new RoundRobinGate(rpc(), contract, me, true);
    assertThat(gate.operators("latest")).containsExactly("0x00000000000000000000000000000000000000bb", me);
    long block = anvil.blockNumber();
    anvil.mine(1);
    assertThat(List.of(gate.elected(block), gate.elected(block + 1))).containsExactly(block % 2 == 1, block % 2 == 0); // operators[n % 2]
  }
}
