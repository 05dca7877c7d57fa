package avs.execution.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import avs.execution.json.Json;
import avs.execution.support.Anvil;
import avs.execution.support.LoopbackClient;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.JsonNode;

/**
 * The service as a child process with an interval trigger and an event trigger on anvil, killed with SIGKILL in the
 * middle of a run and started again on the same outbox: every slot and every log fired exactly once.
 */
@Timeout(180)
class KillNineTest {
  @TempDir Path dir;

  private static void request(Anvil anvil, String contract, long id) {
    anvil.send(contract, FunctionEncoder.encode(new Function("request", List.of(new Uint256(BigInteger.valueOf(id)), new DynamicBytes(new byte[] {1})),
        List.of())));
  }

  private Process start(Map<String, String> env, int run) throws IOException {
    List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "avs.execution.Main", "serve");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("service-" + run + ".log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Waits up to a minute; a timeout fails with the tail of that run's log, which says why. */
  private void awaitOrShowLog(int run, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(Duration.ofSeconds(60)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("run " + run + " of the service did not get there in 60 s; its log ends:\n" + log(run), e);
    }
  }

  private String log(int run) {
    try {
      String text = Files.readString(dir.resolve("service-" + run + ".log"));
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static List<JsonNode> tasks(LoopbackClient client) {
    List<JsonNode> list = new ArrayList<>();
    try {
      Json.MAPPER.readTree(client.get("/tasks?limit=1000").body()).path("data").path("tasks").forEach(list::add);
    } catch (RuntimeException e) {
      return List.of(); // not answering yet
    }
    return list;
  }

  private static List<String> keys(List<JsonNode> tasks, String prefix) {
    return tasks.stream().map(t -> t.path("idempotencyKey").asString("")).filter(k -> k.startsWith(prefix)).toList();
  }

  @Test
  void afterAKillEverySlotAndEveryLogFiredExactlyOnce() throws Exception {
    try (Anvil anvil = Anvil.start(); StandInUpstreams upstreams = new StandInUpstreams()) {
      String contract = anvil.deployFixture();
      long from = anvil.blockNumber() + 1;
      Files.writeString(dir.resolve("tasks.yaml"), """
          tasks:
            - id: 0
              builtin: price-oracle
              trigger:
                interval: {every: 1s, catchUp: all}
            - id: 5
              name: on-request
              pipeline:
                steps:
                  v: {const: {value: "ok"}}
                data: v
              trigger:
                event: {rpc: "%s", address: "%s", signature: "TaskRequested(uint256 indexed id, bytes input)",
                        confirmations: 1, fromBlock: "%d", pollEvery: 200ms}
          """.formatted(anvil.url(), contract, from));
      int port = LoopbackServer.closedPort();
      Map<String, String> env = new HashMap<>(upstreams.variables(Map.of("TASKS_FILE", dir.resolve("tasks.yaml").toString())));
      env.putAll(Map.of("PORT", Integer.toString(port), "DATA_DIR", dir.resolve("data").toString(), "PRIVATE_KEY_PERFORMER", ServiceHarness.KEY,
          "NODE_API_PORT", "off", "LOG_LEVEL", "INFO"));
      try (LoopbackClient client = new LoopbackClient(port)) {
        Process first = start(env, 1);
        try {
          awaitOrShowLog(1, () -> keys(tasks(client), "interval:0:").size() >= 2);
          for (int id = 1; id <= 5; id++) {
            request(anvil, contract, id);
          }
          anvil.mine(1);
          awaitOrShowLog(1, () -> keys(tasks(client), "event:5:").size() >= 3);
        } finally {
          first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
          assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        for (int id = 6; id <= 10; id++) {
          request(anvil, contract, id);
        }
        anvil.mine(1);
        Thread.sleep(1500); // slots pass while it is down
        Process second = start(env, 2);
        try {
          awaitOrShowLog(2, () -> keys(tasks(client), "event:5:").size() >= 10 && keys(tasks(client), "interval:0:").size() >= 6);
          Thread.sleep(1000); // anything fired twice would show by now
          List<JsonNode> tasks = tasks(client);
          List<String> events = keys(tasks, "event:5:");
          assertThat(events).hasSize(10).doesNotHaveDuplicates();
          List<String> ids = tasks.stream().filter(t -> t.path("idempotencyKey").asString("").startsWith("event:5:"))
              .map(t -> t.path("input").path("id").asString()).sorted().toList();
          assertThat(ids).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
          List<Long> slots = keys(tasks, "interval:0:").stream().map(k -> Long.parseLong(k.substring("interval:0:".length()))).sorted().toList();
          assertThat(slots).doesNotHaveDuplicates();
          for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i) - slots.get(i - 1)).as("slot after " + slots.get(i - 1) + " (catchUp: all)").isEqualTo(1);
          }
        } finally {
          second.destroy();
          second.waitFor(20, TimeUnit.SECONDS);
        }
      }
    }
  }

}
