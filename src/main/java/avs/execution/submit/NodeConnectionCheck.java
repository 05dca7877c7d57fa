package avs.execution.submit;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.health.Health;
import avs.execution.health.HealthCheck;
import avs.execution.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Whether the Othentic node's JSON-RPC answers, for the node API. It calls a method no node has ({@value #METHOD}):
 * any JSON-RPC answer, an error included, means the node is there; an answer that is not JSON-RPC (an HTTP error
 * page, a proxy's 502) means it is failing; no answer at all means it is down. Not critical while the node has been
 * unreachable for less than {@code unhealthyAfter}: tasks are still accepted and wait in the outbox for it. Results
 * are kept for {@link #CACHE}, so health polls never load the node.
 */
public final class NodeConnectionCheck implements HealthCheck {
  static final String METHOD = "avs_health";
  private static final Duration CACHE = Duration.ofSeconds(2);
  private final HttpClient http;
  private final NodeSettings node;
  private final Duration unhealthyAfter;
  private final Clock clock;
  private Instant checkedAt = Instant.MIN;
  private Health last;
  private Instant unreachableSince;

  public NodeConnectionCheck(HttpClient http, NodeSettings node, Duration unhealthyAfter, Clock clock) {
    this.http = http;
    this.node = node;
    this.unhealthyAfter = unhealthyAfter;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "othentic-node";
  }

  @Override
  public String name() {
    return "Othentic node connection";
  }

  @Override
  public String description() {
    return "JSON-RPC of the Othentic node that tasks are sent to (OTHENTIC_CLIENT_RPC_ADDRESS " + node.rpcUrl() + ")";
  }

  /** Critical once the node has been unreachable for {@code unhealthyAfter}: the performer is then out of the network. */
  @Override
  public synchronized boolean critical() {
    return unreachableSince != null && !clock.instant().isBefore(unreachableSince.plus(unhealthyAfter));
  }

  @Override
  public synchronized Health check() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(checkedAt.plus(CACHE))) {
      return last;
    }
    last = probe();
    checkedAt = now;
    if (last.level() == Health.Level.DOWN) {
      unreachableSince = unreachableSince == null ? now : unreachableSince;
    } else {
      unreachableSince = null;
    }
    return last;
  }

  private Health probe() {
    String call = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"" + METHOD + "\",\"params\":[]}";
    HttpRequest request = HttpRequest.newBuilder(node.rpcUrl())
        .timeout(node.timeout().compareTo(Duration.ofSeconds(3)) < 0 ? node.timeout() : Duration.ofSeconds(3))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(call))
        .build();
    HttpResponse<String> response;
    try {
      response = Upstreams.send(http, request, HttpResponse.BodyHandlers.ofString(), "Othentic node");
    } catch (UpstreamFailure e) {
      return Health.down("unreachable: " + e.getMessage());
    }
    if (isJsonRpc(response.body())) {
      return Health.up("answers JSON-RPC at " + node.rpcUrl());
    }
    return Health.partial("failing: HTTP " + response.statusCode() + " from " + node.rpcUrl() + " is not a JSON-RPC answer: "
        + Upstreams.excerpt(response.body()));
  }

  private static boolean isJsonRpc(String body) {
    try {
      JsonNode answer = Json.MAPPER.readTree(body);
      return answer != null && answer.isObject() && "2.0".equals(answer.path("jsonrpc").asString(""))
          && (answer.has("result") || answer.has("error"));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
