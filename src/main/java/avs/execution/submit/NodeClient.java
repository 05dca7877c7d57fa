package avs.execution.submit;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.UpstreamFailure.Kind;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.logging.LogText;
import avs.execution.sign.Hex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC 2.0 over HTTP to an Othentic node (OTHENTIC_CLIENT_RPC_ADDRESS): {@code sendTask} and
 * {@code sendCustomMessage}. Always a numeric id; an error object, a non-2xx status, or an answer for another id is
 * a failed call with the node's message, marked retryable or not: refusals of the task itself and client errors are
 * final, everything else may pass later. Calls made at the same time go as one JSON-RPC batch ({@link CallBatcher});
 * each is still answered, and fails or succeeds, on its own.
 */
public final class NodeClient implements Submitter {
  private static final Logger LOG = LoggerFactory.getLogger(NodeClient.class);
  private static final String UPSTREAM = "Othentic node";
  private final HttpClient http;
  private final URI url;
  /** The URL as errors and the log show it, without credentials. */
  private final String shownUrl;
  private final Duration timeout;
  private final AtomicLong ids = new AtomicLong();
  private final CallBatcher batcher;

  public NodeClient(HttpClient http, NodeSettings node) {
    this.http = http;
    this.url = node.rpcUrl();
    this.shownUrl = Upstreams.shown(url);
    this.timeout = node.timeout();
    this.batcher = new CallBatcher(node.batchMax(), this::exchange);
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
    return batcher.call(new CallBatcher.Call(id, method, call));
  }

  /** One HTTP exchange: a lone call as it is, several as a JSON array; every call gets its outcome. */
  private void exchange(List<CallBatcher.Call> batch) {
    String body = batch.size() == 1 ? batch.getFirst().json
        : batch.stream().map(call -> call.json).collect(Collectors.joining(",", "[", "]"));
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response;
    try {
      response = Upstreams.send(http, request, HttpResponse.BodyHandlers.ofString(), UPSTREAM);
    } catch (UpstreamFailure e) {
      batch.forEach(call -> call.failed(e));
      return;
    }
    int status = response.statusCode();
    JsonNode answer = parse(response.body());
    if (batch.size() == 1) {
      settle(batch.getFirst(), status, answer, response.body());
      return;
    }
    if (answer == null || !answer.isArray()) {
      String refusal = refusal(status, answer, response.body());
      if (isPassing(status)) {
        UpstreamFailure refused = new UpstreamFailure(UPSTREAM, status == 408 ? Kind.TIMEOUT : Kind.UNAVAILABLE, true,
            "a batch of " + batch.size() + " calls was refused as a whole (" + refusal + ") at " + shownUrl
                + "; the calls in it are tried again", null);
        batch.forEach(call -> call.failed(refused));
        return;
      }
      if (batcher.sendAlone()) {
        LOG.warn("The {} at {} refused a batch of {} calls ({}); from now on every call to it goes alone "
            + "(NODE_BATCH_MAX=1 starts so)", UPSTREAM, shownUrl, batch.size(), LogText.of(refusal));
      }
      batch.forEach(call -> exchange(List.of(call)));
      return;
    }
    Map<Long, JsonNode> answers = new HashMap<>();
    for (JsonNode entry : answer) {
      JsonNode id = entry.get("id");
      if (id != null && id.isIntegralNumber()) {
        answers.put(id.longValue(), entry);
      }
    }
    for (CallBatcher.Call call : batch) {
      JsonNode entry = answers.get(call.id);
      if (entry == null) {
        call.failed(new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "the answer to a batch of " + batch.size()
            + " calls has none for request id " + call.id + ": " + Upstreams.excerpt(response.body())));
      } else {
        settle(call, status, entry, response.body());
      }
    }
  }

  private void settle(CallBatcher.Call call, int status, JsonNode answer, String body) {
    try {
      call.succeeded(acknowledgement(call.method, call.id, status, answer, body));
    } catch (UpstreamFailure e) {
      call.failed(e);
    }
  }

  /**
   * Whether a batch answered as a whole (not an array) met load or a passing fault on the way: 408, 429, 502, 503,
   * 504. Any other such answer says the node does not take batches: calls to it go alone from then on, those of the
   * refused batch at once.
   */
  private static boolean isPassing(int status) {
    return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
  }

  private static String refusal(int status, JsonNode answer, String body) {
    JsonNode error = answer == null ? null : answer.get("error");
    return error != null && !error.isNull() ? describe(error) : "HTTP " + status + ": " + Upstreams.excerpt(body);
  }

  private Acknowledgement acknowledgement(String method, long id, int status, JsonNode answer, String body) {
    JsonNode error = answer == null ? null : answer.get("error");
    if (error != null && !error.isNull()) {
      JsonNode code = error.get("code");
      boolean retryable = code == null || !code.isIntegralNumber() || !JsonRpcCode.saysTaskIsInvalid(code.intValue());
      throw new UpstreamFailure(UPSTREAM, Kind.REJECTED, retryable, method + " refused: " + describe(error), null);
    }
    if (status == 429 || status == 503) {
      throw new UpstreamFailure(UPSTREAM, Kind.UNAVAILABLE, "busy (HTTP " + status + ") at " + shownUrl);
    }
    if (status == 408) {
      throw new UpstreamFailure(UPSTREAM, Kind.TIMEOUT, "request timeout (HTTP 408) at " + shownUrl);
    }
    if (status / 100 != 2) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, status >= 500,
          "HTTP " + status + " from " + shownUrl + ": " + Upstreams.excerpt(body), null);
    }
    if (answer == null || !answer.isObject()) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer is not a JSON-RPC object: " + Upstreams.excerpt(body));
    }
    JsonNode answeredId = answer.get("id");
    if (answeredId == null || !answeredId.isIntegralNumber() || answeredId.longValue() != id) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER,
          "answer is for id " + answeredId + ", not for request id " + id + ": " + Upstreams.excerpt(body));
    }
    if (!answer.has("result")) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer has neither result nor error: " + Upstreams.excerpt(body));
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
