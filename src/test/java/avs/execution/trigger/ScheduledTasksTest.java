package avs.execution.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import avs.execution.config.ConfigException;
import avs.execution.json.Json;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** An interval trigger in the real service: tasks under their slot keys, GET /triggers, a restart that makes nothing twice. */
@Timeout(90)
class ScheduledTasksTest {
  @TempDir Path dir;

  private Map<String, String> variables(StandInUpstreams upstreams) throws IOException {
    Files.writeString(dir.resolve("tasks.yaml"), """
        tasks:
          - id: 0
            builtin: price-oracle
            trigger:
              interval: {every: 1s, catchUp: all}
        """);
    return upstreams.variables(Map.of("TASKS_FILE", dir.resolve("tasks.yaml").toString()));
  }

  private static List<String> keys(ServiceHarness service) {
    JsonNode tasks = Json.MAPPER.readTree(service.get("/tasks?limit=1000").body()).path("data").path("tasks");
    List<String> keys = new ArrayList<>();
    tasks.forEach(task -> keys.add(task.path("idempotencyKey").asString("")));
    return keys;
  }

  @Test
  void everySlotFiresOnceAcrossARestartAndTriggersAreShown() throws IOException {
    try (StandInUpstreams upstreams = new StandInUpstreams()) {
      Map<String, String> variables = variables(upstreams);
      List<String> before;
      try (ServiceHarness service = new ServiceHarness(dir, variables)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(service).size() >= 3);
        JsonNode trigger = Json.MAPPER.readTree(service.get("/triggers").body()).path("data").path("triggers").get(0);
        assertThat(trigger.path("id").asString()).isEqualTo("interval:0");
        assertThat(trigger.path("schedule").asString()).isEqualTo("every 1s");
        assertThat(trigger.path("lastFiring").path("outcome").asString()).isEqualTo("fired");
        assertThat(trigger.has("nextFiring")).isTrue();
        before = keys(service);
      }
      assertThat(before).allSatisfy(key -> assertThat(key).matches("interval:0:[0-9]+"));
      try (ServiceHarness service = new ServiceHarness(dir, variables)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(service).size() >= before.size() + 2);
        List<String> after = keys(service);
        assertThat(after).doesNotHaveDuplicates().containsAll(before);
        List<Long> slots = after.stream().map(k -> Long.parseLong(k.substring("interval:0:".length()))).sorted().toList();
        for (int i = 1; i < slots.size(); i++) {
          assertThat(slots.get(i) - slots.get(i - 1)).as("catchUp: all leaves no slot out").isEqualTo(1);
        }
      }
    }
  }

  @Test
  void aCustomMessageNamingThisPerformerStartsTheTaskOnceAndOnlyHere() {
    try (StandInUpstreams upstreams = new StandInUpstreams();
         ServiceHarness service = new ServiceHarness(dir, upstreams.variables(Map.of()))) {
      String mine = message("{\"performer\":\"" + ServiceHarness.ADDRESS + "\",\"taskDefinitionId\":0}");
      JsonNode first = Json.MAPPER.readTree(service.post("/p2p/message", mine).body()).path("data");
      assertThat(first.path("started").asBoolean()).as(first.toString()).isTrue();
      assertThat(first.path("key").asString()).matches("message:0:[0-9a-f]{64}");
      JsonNode again = Json.MAPPER.readTree(service.post("/p2p/message", mine).body()).path("data");
      assertThat(again.path("started").asBoolean()).isFalse();
      assertThat(again.path("reason").asString()).isEqualTo("already started by this message");
      String theirs = message("{\"performer\":\"0x00000000000000000000000000000000000000bb\",\"taskDefinitionId\":0}");
      assertThat(Json.MAPPER.readTree(service.post("/p2p/message", theirs).body()).path("data").path("reason").asString())
          .startsWith("the message names the performer 0x00000000000000000000000000000000000000bb, not this one");
      await().atMost(Duration.ofSeconds(10)).until(() -> keys(service).contains(first.path("key").asString()));
      assertThat(keys(service)).hasSize(1);
      assertThat(service.post("/p2p/message", "{\"data\":\"zz\"}").statusCode()).isEqualTo(400);
    }
  }

  private static String message(String json) {
    return "{\"data\":\"" + avs.execution.sign.Hex.encode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}";
  }

  @Test
  void aBadTriggerStopsTheStartWithEveryProblemAndItsPlace() throws IOException {
    Files.writeString(dir.resolve("tasks.yaml"), """
        tasks:
          - id: 0
            builtin: price-oracle
            trigger:
              interval: {every: 10ms, catchUp: sometimes}
              performer: roundRobin
              input: {symbol: ETHUSDT}
          - id: 3
            builtin: price-oracle
            trigger: {cron: {schedule: "every day"}}
          - id: 4
            builtin: price-oracle
            trigger:
              event: {rpc: "http://127.0.0.1:1/", address: "0x12", signature: "Nope(", colour: red}
        """);
    try (StandInUpstreams upstreams = new StandInUpstreams()) {
      Map<String, String> variables = upstreams.variables(Map.of("TASKS_FILE", dir.resolve("tasks.yaml").toString()));
      assertThatThrownBy(() -> new ServiceHarness(dir, variables).close()).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
          .contains("tasks[1].trigger.cron.schedule: must have five fields (minute hour day month weekday), or six with seconds first; got 2")
          .contains("tasks[0].trigger.interval.every: must be from 1s to 366d (got 10ms)")
          .contains("tasks[0].trigger.interval.catchUp: must be none, last or all (got \"sometimes\")")
          .contains("tasks[0].trigger.attestationCenter: is required with performer: roundRobin: the AVS's AttestationCenter address")
          .anySatisfy(p -> assertThat(p).startsWith("tasks[0].trigger.input: the task price-oracle does not accept it: input: the price oracle"))
          .contains("tasks[2].trigger.event.address: is required: the contract's 0x address (40 hex digits)")
          .anySatisfy(p -> assertThat(p).startsWith("tasks[2].trigger.event.signature: must be an event signature"))
          .anySatisfy(p -> assertThat(p).startsWith("tasks[2].trigger.event.colour: unknown key")));
      Files.writeString(dir.resolve("tasks.yaml"), "tasks:\n  - {id: 3, builtin: price-oracle, trigger: {cron: {schedule: '* * * * *'}, event: {}}}\n"
          + "  - {id: '*', builtin: price-oracle, trigger: {interval: {every: 5s}}}\n");
      assertThatThrownBy(() -> new ServiceHarness(dir, variables).close()).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
          .containsExactly("tasks[0].trigger: give exactly one of interval: {every: 30s}, cron: {schedule: …}, block: {rpc: …, everyBlocks: 20} or event: "
              + "{rpc: …, address: …, signature: …}; it has cron and event",
              "tasks[1].trigger: a task for every id (\"*\") cannot have a trigger: give the trigger to a task with its own id"));
    }
  }
}
