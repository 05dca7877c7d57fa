package avs.execution;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.config.SettingsLoader;
import avs.execution.json.Json;
import avs.execution.support.FlakyNode;
import avs.execution.support.LoopbackClient;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ServiceHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The EigenLayer node API over a real execution service, with an Othentic node stand-in that is up, failing or down. */
class NodeApiTest {
  @TempDir
  Path dir;

  private record Answers(HttpResponse<String> node, HttpResponse<String> health, HttpResponse<String> services,
      HttpResponse<String> nodeConnection, HttpResponse<String> ready) {}

  private Answers ask(String nodeUrl, Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>(Map.of("OTHENTIC_CLIENT_RPC_ADDRESS", nodeUrl, "PROOF_STORE", "embedded"));
    variables.putAll(extra);
    try (ServiceHarness service = new ServiceHarness(dir, variables);
        NodeApi api = NodeApi.start(SettingsLoader.load(Map.of("PRIVATE_KEY_PERFORMER", ServiceHarness.KEY), Map.of(), dir.resolve("no.env")),
            0, service.healthChecks());
        LoopbackClient client = new LoopbackClient(api.port())) {
      return new Answers(client.get("/eigen/node"), client.get("/eigen/node/health"), client.get("/eigen/node/services"),
          client.get("/eigen/node/services/othentic-node/health"), client.get("/health/ready"));
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void withTheNodeUpTheNodeIsHealthyAndListsItsServices() {
    try (FlakyNode node = new FlakyNode(FlakyNode.Mode.ACKNOWLEDGE)) {
      Answers answers = ask(node.url(), Map.of());
      assertThat(answers.node().statusCode()).isEqualTo(200);
      assertThat(json(answers.node()).get("node_name").stringValue()).isEqualTo("avs-execution");
      assertThat(json(answers.node()).get("spec_version").stringValue()).isEqualTo("v0.0.1");
      assertThat(json(answers.node()).get("node_version").stringValue()).isEqualTo(Version.NUMBER).doesNotContain("$");
      assertThat(answers.health().statusCode()).isEqualTo(200);
      JsonNode services = json(answers.services()).get("services");
      assertThat(services.valueStream().map(s -> s.get("id").stringValue()))
          .containsExactly("execution-service", "outbox", "othentic-node");
      assertThat(services.valueStream().map(s -> s.get("status").stringValue())).containsOnly("Up");
      assertThat(services.valueStream().allMatch(s -> s.has("name") && s.has("description"))).isTrue();
      assertThat(answers.nodeConnection().statusCode()).isEqualTo(200);
      assertThat(answers.ready().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withTheNodeFailingTheNodeIsPartiallyHealthyAndStillReady() {
    try (FlakyNode node = new FlakyNode(FlakyNode.Mode.ERROR_500)) {
      Answers answers = ask(node.url(), Map.of());
      assertThat(answers.health().statusCode()).isEqualTo(206);
      assertThat(json(answers.health()).get("status").stringValue()).isEqualTo("partially healthy");
      assertThat(answers.nodeConnection().statusCode()).isEqualTo(206);
      assertThat(json(answers.nodeConnection()).get("detail").stringValue()).contains("failing").contains("HTTP 500");
      assertThat(answers.ready().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withTheNodeDownTheNodeIsPartiallyHealthyAtFirstAndUnhealthyOnceThatLasts() throws java.io.IOException {
    // A port held by a socket that never listens: connections are refused, and no server of this test can get it.
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      nodeDownAt("http://127.0.0.1:" + holder.getLocalPort() + "/");
    }
  }

  private void nodeDownAt(String down) {
    Answers brief = ask(down, Map.of());
    assertThat(brief.health().statusCode()).isEqualTo(206);
    assertThat(brief.nodeConnection().statusCode()).isEqualTo(503);
    assertThat(json(brief.services()).get("services").get(2).get("status").stringValue()).isEqualTo("Down");
    assertThat(brief.ready().statusCode()).isEqualTo(200);

    Answers lasting = ask(down, Map.of("NODE_UNHEALTHY_AFTER_SECONDS", "0"));
    assertThat(lasting.health().statusCode()).isEqualTo(503);
    assertThat(json(lasting.health()).get("status").stringValue()).isEqualTo("unhealthy");
    assertThat(lasting.ready().statusCode()).isEqualTo(503);
  }

  @Test
  void aGrowingBacklogMakesTheNodePartiallyHealthy() {
    try (FlakyNode node = new FlakyNode(FlakyNode.Mode.BUSY_503)) {
      String nodeUrl = node.url();
      Map<String, String> variables = new HashMap<>(Map.of("OTHENTIC_CLIENT_RPC_ADDRESS", nodeUrl, "PROOF_STORE", "embedded",
          "HEALTH_BACKLOG_LIMIT", "1"));
      try (avs.execution.support.StandInUpstreams upstreams = new avs.execution.support.StandInUpstreams();
          ServiceHarness service = new ServiceHarness(dir, upstreams.variables(variables))) {
        for (int i = 0; i < 2; i++) {
          assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}", "Prefer", "respond-async").statusCode()).isEqualTo(202);
        }
        var outbox = service.healthChecks().get(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(outbox.check().detail()).contains("backlog: 2 unfinished tasks").contains("HEALTH_BACKLOG_LIMIT=1"));
      }
    }
  }

  @Test
  void anUnknownServiceOrApiVersionIsA404WithTheSpecsMessage() {
    try (FlakyNode node = new FlakyNode(FlakyNode.Mode.ACKNOWLEDGE);
        ServiceHarness service = new ServiceHarness(dir, Map.of("OTHENTIC_CLIENT_RPC_ADDRESS", node.url(), "PROOF_STORE", "embedded"));
        NodeApi api = NodeApi.start(SettingsLoader.load(Map.of(), Map.of(), dir.resolve("no.env")), 0, service.healthChecks());
        LoopbackClient client = new LoopbackClient(api.port())) {
      HttpResponse<String> unknown = client.get("/eigen/node/services/nope/health");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(json(unknown).get("message").stringValue()).isEqualTo("Service with given id not found");
      HttpResponse<String> version = client.get("/eigen/node?version=9.9.9");
      assertThat(version.statusCode()).isEqualTo(404);
      assertThat(json(version).get("message").stringValue()).isEqualTo("API version not found");
      assertThat(client.get("/eigen/node?version=v0.0.1").statusCode()).isEqualTo(200);
      assertThat(client.get("/health/live").statusCode()).isEqualTo(200);
      assertThat(client.get("/eigen/node/version").body()).contains("avs-execution/v" + Version.NUMBER);
      assertThat(client.get("/eigen/node/spec-version").body()).contains("\"api_version\":\"v0.0.1\"");
    }
  }
}
