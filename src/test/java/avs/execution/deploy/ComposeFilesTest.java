package avs.execution.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The compose directory as a drop-in for Othentic's example: its services, addresses, variables and ports; and the
 * monitoring beside it: Prometheus scrapes our ports, and every metric the Grafana dashboard queries is one the
 * services really expose.
 */
class ComposeFilesTest {
  private static final Path COMPOSE = Path.of("deploy/compose");
  /** The example's services and their p2p addresses (simple-price-oracle-avs-example/docker-compose.yml). */
  private static final Map<String, String> EXAMPLE = new LinkedHashMap<>();

  static {
    EXAMPLE.put("aggregator", "10.8.0.69");
    EXAMPLE.put("attester-1", "10.8.0.2");
    EXAMPLE.put("attester-2", "10.8.0.3");
    EXAMPLE.put("attester-3", "10.8.0.4");
    EXAMPLE.put("validation-service", "10.8.0.42");
    EXAMPLE.put("execution-service", "10.8.0.101");
  }

  @TempDir
  Path dir;

  private static JsonNode yaml(Path file) throws IOException {
    return new YAMLMapper().readTree(file.toFile());
  }

  @Test
  void theExamplesServicesKeepTheirNamesAddressesAndVariablesWithOurImageForTheTwoServices() throws IOException {
    JsonNode root = yaml(COMPOSE.resolve("docker-compose.yml"));
    JsonNode services = root.get("services");
    EXAMPLE.forEach((name, address) -> {
      assertThat(services.has(name)).as(name).isTrue();
      assertThat(services.get(name).get("networks").get("p2p").get("ipv4_address").stringValue()).as(name).isEqualTo(address);
    });
    JsonNode execution = merged(root, services.get("execution-service"));
    assertThat(execution.get("image").stringValue()).startsWith("${AVS_EXECUTION_IMAGE:-avs-execution:");
    assertThat(execution.get("env_file").get(0).stringValue()).isEqualTo(".env");
    assertThat(execution.get("environment").valueStream().map(JsonNode::stringValue))
        .contains("OTHENTIC_CLIENT_RPC_ADDRESS=http://10.8.0.69:8545", "PRIVATE_KEY=${PRIVATE_KEY_PERFORMER}");
    assertThat(execution.get("ports").valueStream().map(JsonNode::stringValue)).contains("4003:4003");
    JsonNode validation = merged(root, services.get("validation-service"));
    assertThat(validation.get("image").stringValue()).isEqualTo(execution.get("image").stringValue());
    assertThat(validation.get("command").get(0).stringValue()).isEqualTo("validate");
    assertThat(services.get("attester-1").get("command").valueStream().map(JsonNode::stringValue)).contains("http://10.8.0.42");
  }

  /**
   * A service with its {@code <<: *name} merged in, as compose reads it. The YAML parser leaves the merge key alone
   * and gives the alias as its name; the anchors of this file sit on the {@code x-name} extension fields.
   */
  private static JsonNode merged(JsonNode root, JsonNode service) {
    tools.jackson.databind.node.ObjectNode result = Json.object();
    JsonNode alias = service.get("<<");
    JsonNode base = alias == null ? null : root.get("x-" + alias.stringValue());
    if (base != null) {
      base.properties().forEach(field -> result.set(field.getKey(), field.getValue()));
    }
    service.properties().forEach(field -> {
      if (!field.getKey().equals("<<")) {
        result.set(field.getKey(), field.getValue());
      }
    });
    return result;
  }

  @Test
  void prometheusScrapesBothServicesAndGrafanaIsProvisionedWithTheDashboard() throws IOException {
    JsonNode jobs = yaml(COMPOSE.resolve("prometheus.yaml")).get("scrape_configs");
    Set<String> targets = new TreeSet<>();
    jobs.forEach(job -> job.get("static_configs").forEach(config -> config.get("targets").forEach(t -> targets.add(t.stringValue()))));
    assertThat(targets).contains("execution-service:4003", "validation-service:4002");
    assertThat(yaml(COMPOSE.resolve("grafana/provisioning/dashboards/dashboards.yaml")).get("providers").get(0).get("options").get("path")
        .stringValue()).isEqualTo("/var/lib/grafana/dashboards");
    assertThat(yaml(COMPOSE.resolve("grafana/provisioning/datasources/datasources.yaml")).get("datasources").get(0).get("uid").stringValue())
        .isEqualTo("prometheus");
  }

  /** The oracle, and the example adapter (its metrics exist once a task definition uses an adapter). */
  private Path tasksFile() throws IOException {
    Path factor = Path.of("examples/factor-python/factor.py").toAbsolutePath();
    return Files.writeString(dir.resolve("tasks.yaml"), "tasks:\n  - {id: 0, builtin: price-oracle}\n"
        + "  - {id: 7, name: factor, adapter: {command: [python3, \"" + factor + "\"]}}\n");
  }

  @Test
  void everyMetricTheDashboardQueriesIsExposedByTheServices() throws IOException {
    JsonNode dashboard = Json.MAPPER.readTree(Files.readString(COMPOSE.resolve("grafana/dashboards/avs-execution.json")));
    Set<String> queried = new TreeSet<>();
    Pattern metric = Pattern.compile("\\bavs_[a-z_]+");
    dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
      assertThat(target.get("datasource").get("uid").stringValue()).isEqualTo("prometheus");
      Matcher matcher = metric.matcher(target.get("expr").stringValue());
      while (matcher.find()) {
        queried.add(matcher.group().replaceAll("_(bucket|count|sum)$", ""));
      }
    }));
    assertThat(queried).contains("avs_task_sends_total", "avs_task_acknowledged_seconds", "avs_outbox_backlog", "avs_validations_total");
    String exposed;
    try (StandInUpstreams upstreams = new StandInUpstreams();
        ServiceHarness service = new ServiceHarness(dir, upstreams.variables(Map.of("TASKS_FILE", tasksFile().toString())))) {
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(200);
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":7,\"input\":{\"n\":\"91\"}}").statusCode()).isEqualTo(200);
      exposed = service.get("/metrics").body();
    }
    try (var validation = new avs.execution.support.ValidationHarness(dir.resolve("validation"), Map.of())) {
      validation.post("/task/validate", "{\"proofOfTask\":\"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG\",\"data\":\"0x33\","
          + "\"taskDefinitionId\":0,\"performer\":\"" + ServiceHarness.ADDRESS + "\"}");
      exposed += validation.get("/metrics").body();
    }
    // Exposed once something happened (a labelled counter has no line before its first count)…
    for (String name : List.of("avs_task_sends_total", "avs_task_acknowledged_seconds", "avs_outbox_backlog", "avs_task_executions_total",
        "avs_adapter_call_seconds", "avs_validations_total", "avs_validation_seconds")) {
      assertThat(queried).contains(name);
      assertThat(exposed).as("the dashboard queries " + name).containsPattern("(?m)^# TYPE " + name.replaceAll("_total$", "") + "(_total)? ");
    }
    // …and every name it queries is one the services register.
    StringBuilder sources = new StringBuilder();
    try (var files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.append(Files.readString(file));
      }
    }
    for (String name : queried) {
      assertThat(sources.toString()).as("the dashboard queries " + name).contains(".name(\"" + name + "\")");
    }
    assertThat(List.copyOf(queried)).allMatch(name -> name.startsWith("avs_"));
  }
}
