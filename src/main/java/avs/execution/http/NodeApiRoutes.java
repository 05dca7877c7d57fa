package avs.execution.http;

import avs.execution.health.Health;
import avs.execution.health.HealthCheck;
import avs.execution.health.NodeHealth;
import avs.execution.json.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The EigenLayer AVS node API (spec v0.0.1, as eigensdk serves it) on its own port: the node's identity, its health
 * as a status code (200 healthy, 206 partially healthy, 503 unhealthy), its backing services and each one's health.
 * Health answers also carry a JSON body naming every service's state and why, for the operator reading them. Plain
 * liveness and readiness for orchestrators: {@code /health/live} (the process serves) and {@code /health/ready}
 * (it can take tasks: no critical service down).
 */
public final class NodeApiRoutes {
  public static final String SPEC_VERSION = "v0.0.1";
  private final String nodeName;
  private final String nodeVersion;
  private final NodeHealth health;

  public NodeApiRoutes(String nodeName, String nodeVersion, NodeHealth health) {
    this.nodeName = nodeName;
    this.nodeVersion = nodeVersion;
    this.health = health;
  }

  public void register(RouteTable routes) {
    routes
        .get("/eigen/node", this::node)
        .get("/eigen/node/version", this::version)
        .get("/eigen/node/spec-version", this::specVersion)
        .get("/eigen/node/health", this::nodeHealth)
        .get("/eigen/node/services", this::services)
        .get("/eigen/node/services/{id}/health", this::serviceHealth)
        .get("/health", this::readiness)
        .get("/health/ready", this::readiness)
        .get("/health/live", this::liveness)
        .error(ErrorMapper::handle);
  }

  private void node(ServerRequest request, ServerResponse response) {
    if (supportedVersion(request, response)) {
      answer(response, 200, Json.object().put("node_name", nodeName).put("spec_version", SPEC_VERSION).put("node_version", nodeVersion));
    }
  }

  private void version(ServerRequest request, ServerResponse response) {
    if (supportedVersion(request, response)) {
      answer(response, 200, Json.object().put("version", nodeName + "/v" + nodeVersion));
    }
  }

  private void specVersion(ServerRequest request, ServerResponse response) {
    if (supportedVersion(request, response)) {
      answer(response, 200, Json.object().put("api_version", SPEC_VERSION));
    }
  }

  private void nodeHealth(ServerRequest request, ServerResponse response) {
    if (supportedVersion(request, response)) {
      Map<HealthCheck, Health> results = health.checkAll();
      Health.Level level = NodeHealth.overall(results);
      answer(response, level.httpStatus(), report(level, results));
    }
  }

  private void services(ServerRequest request, ServerResponse response) {
    if (supportedVersion(request, response)) {
      ObjectNode body = Json.object();
      body.set("services", describeAll(health.checkAll()));
      answer(response, 200, body);
    }
  }

  private void serviceHealth(ServerRequest request, ServerResponse response) {
    if (!supportedVersion(request, response)) {
      return;
    }
    Optional<HealthCheck> check = health.find(request.path().pathParameters().get("id"));
    if (check.isEmpty()) {
      answer(response, 404, Json.object().put("message", "Service with given id not found"));
      return;
    }
    Health result = check.get().check();
    answer(response, result.httpStatus(), describe(check.get(), result));
  }

  /** 200 while no critical service is down (a degraded node still takes tasks), else 503; the body says why. */
  private void readiness(ServerRequest request, ServerResponse response) {
    Map<HealthCheck, Health> results = health.checkAll();
    Health.Level level = NodeHealth.overall(results);
    answer(response, level == Health.Level.DOWN ? 503 : 200, report(level, results));
  }

  private void liveness(ServerRequest request, ServerResponse response) {
    answer(response, 200, Json.object().put("status", "UP"));
  }

  /** The spec's versioning: no {@code version} parameter is the latest; an unknown one is a 404. */
  private static boolean supportedVersion(ServerRequest request, ServerResponse response) {
    Optional<String> asked = request.query().first("version").asOptional();
    if (asked.isEmpty() || asked.get().equals(SPEC_VERSION) || ("v" + asked.get()).equals(SPEC_VERSION)) {
      return true;
    }
    answer(response, 404, Json.object().put("message", "API version not found"));
    return false;
  }

  private static ObjectNode report(Health.Level level, Map<HealthCheck, Health> results) {
    ObjectNode body = Json.object().put("status", switch (level) {
      case UP -> "healthy";
      case PARTIAL -> "partially healthy";
      case DOWN -> "unhealthy";
    });
    body.set("services", describeAll(results));
    return body;
  }

  private static ArrayNode describeAll(Map<HealthCheck, Health> results) {
    ArrayNode services = Json.array();
    results.forEach((check, result) -> services.add(describe(check, result)));
    return services;
  }

  private static ObjectNode describe(HealthCheck check, Health result) {
    return Json.object()
        .put("id", check.id())
        .put("name", check.name())
        .put("description", check.description())
        .put("status", result.specStatus())
        .put("health", result.level().name().toLowerCase(java.util.Locale.ROOT))
        .put("detail", result.detail());
  }

  private static void answer(ServerResponse response, int status, ObjectNode body) {
    Responses.json(response, status, Json.bytes(body));
  }
}
