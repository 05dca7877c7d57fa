package avs.execution.devnet;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One attester of the stand-in network: it asks its validation service ({@code POST /task/validate}, PROTOCOL §4)
 * about a task and votes on the answer. A 200 with a boolean {@code data} is a vote; anything else is no vote. A
 * dishonest attester (for showing what the quorum tolerates) votes the opposite of what it was told.
 */
public final class Attester {
  private final String name;
  private final URI validateUrl;
  private final boolean dishonest;
  private final HttpClient http;
  private final Duration timeout;

  public Attester(String name, URI validationService, boolean dishonest, HttpClient http, Duration timeout) {
    this.name = name;
    String base = validationService.toString();
    this.validateUrl = URI.create((base.endsWith("/") ? base : base + "/") + "task/validate");
    this.dishonest = dishonest;
    this.http = http;
    this.timeout = timeout;
  }

  public String name() {
    return name;
  }

  public boolean dishonest() {
    return dishonest;
  }

  public URI validateUrl() {
    return validateUrl;
  }

  public Vote vote(ReceivedTask task) {
    String body = Json.MAPPER.writeValueAsString(Json.object()
        .put("proofOfTask", task.proofOfTask())
        .put("data", task.dataHex())
        .put("taskDefinitionId", task.taskDefinitionId())
        .put("performer", task.performer()));
    HttpRequest request = HttpRequest.newBuilder(validateUrl).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = Upstreams.send(http, request, HttpResponse.BodyHandlers.ofString(), "validation service of " + name);
    } catch (UpstreamFailure e) {
      return new Vote(name, Vote.Kind.NONE, e.getMessage());
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(response.body());
    } catch (JacksonException e) {
      return new Vote(name, Vote.Kind.NONE, "HTTP " + response.statusCode() + ", not JSON: " + Upstreams.excerpt(response.body()));
    }
    String message = answer == null ? "" : answer.path("message").asString("");
    if (response.statusCode() != 200 || answer == null || !answer.path("data").isBoolean()) {
      return new Vote(name, Vote.Kind.NONE, "HTTP " + response.statusCode() + ": " + Upstreams.excerpt(message.isEmpty() ? response.body() : message));
    }
    boolean approved = answer.get("data").booleanValue() != dishonest;
    String reason = dishonest ? "DISHONEST, votes against its validation service, which said: " + message : message;
    return new Vote(name, approved ? Vote.Kind.APPROVE : Vote.Kind.REFUSE, reason);
  }
}
