package avs.execution.submit;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.UpstreamFailure.Kind;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.sign.Hex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC 2.0 over HTTP to an Othentic node (OTHENTIC_CLIENT_RPC_ADDRESS): {@code sendTask} and
 * {@code sendCustomMessage}. Always a numeric id; an error object, a non-2xx status, or an answer for another id is
 * a failed call with the node's message, marked retryable or not: refusals of the task itself and client errors are
 * final, everything else may pass later.
 */
public final class NodeClient implements Submitter {
  private static final String UPSTREAM = "Othentic node";
  private final HttpClient http;
  private final URI url;
  private final Duration timeout;
  private final AtomicLong ids = new AtomicLong();

  public NodeClient(HttpClient http, NodeSettings node) {
    this.http = http;
    this.url = node.rpcUrl();
    this.timeout = node.timeout();
  }

  @Override
  public Acknowledgement submit(String paramsJson) {
    return call("sendTask", paramsJson);
  }

  /**
   * {@code sendCustomMessage}: the node (started with {@code --json-rpc.custom-message-enabled}) gossips the bytes
   * and every node posts them to its validation service's {@code /p2p/message}. With a task definition id, node
   * 1.1's form {@code ["0x…", id]}, and only that task definition's handlers hear it; without, the 2024 form
   * {@code ["0x…"]}.
   */
  public Acknowledgement sendCustomMessage(byte[] data, OptionalInt taskDefinitionId) {
    var params = Json.array().add(Hex.encode(data));
    taskDefinitionId.ifPresent(params::add);
    return call("sendCustomMessage", Json.MAPPER.writeValueAsString(params));
  }

  private Acknowledgement call(String method, String paramsJson) {
    long id = ids.incrementAndGet();
    String call = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(call))
        .build();
    return acknowledgement(method, id, Upstreams.send(http, request, HttpResponse.BodyHandlers.ofString(), UPSTREAM));
  }

  private Acknowledgement acknowledgement(String method, long id, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode answer = parse(response.body());
    JsonNode error = answer == null ? null : answer.get("error");
    if (error != null && !error.isNull()) {
      JsonNode code = error.get("code");
      boolean retryable = code == null || !code.isIntegralNumber() || !JsonRpcCode.saysTaskIsInvalid(code.intValue());
      throw new UpstreamFailure(UPSTREAM, Kind.REJECTED, retryable, method + " refused: " + describe(error), null);
    }
    if (status == 429 || status == 503) {
      throw new UpstreamFailure(UPSTREAM, Kind.UNAVAILABLE, "busy (HTTP " + status + ") at " + url);
    }
    if (status == 408) {
      throw new UpstreamFailure(UPSTREAM, Kind.TIMEOUT, "request timeout (HTTP 408) at " + url);
    }
    if (status / 100 != 2) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, status >= 500,
          "HTTP " + status + " from " + url + ": " + Upstreams.excerpt(response.body()), null);
    }
    if (answer == null || !answer.isObject()) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer is not a JSON-RPC object: " + Upstreams.excerpt(response.body()));
    }
    JsonNode answeredId = answer.get("id");
    if (answeredId == null || !answeredId.isIntegralNumber() || answeredId.longValue() != id) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER,
          "answer is for id " + answeredId + ", not for request id " + id + ": " + Upstreams.excerpt(response.body()));
    }
    if (!answer.has("result")) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer has neither result nor error: " + Upstreams.excerpt(response.body()));
    }
    return new Acknowledgement(id, answer.get("result"));
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static String describe(JsonNode error) {
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    String text = message == null ? Upstreams.excerpt(error.toString()) : message.asString();
    return code == null ? text : text + " (JSON-RPC error " + code.asString() + ")";
  }
}
