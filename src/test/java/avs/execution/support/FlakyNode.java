package avs.execution.support;

import avs.execution.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * An Othentic node stand-in on 127.0.0.1 whose answer can be switched while a test runs: acknowledge, refuse with
 * a JSON-RPC error, answer an HTTP status, or hang. It records every sendTask call's params exactly as received, and
 * answers a batch call by call.
 */
public final class FlakyNode implements AutoCloseable {
  /** What the node does with the next calls. */
  public enum Mode { ACKNOWLEDGE, BUSY_503, ERROR_500, BAD_REQUEST_400, INVALID_PARAMS, INTERNAL_ERROR, HANG }

  private final AtomicReference<Mode> mode;
  private final List<String> params = new CopyOnWriteArrayList<>();
  private final List<String> acknowledged = new CopyOnWriteArrayList<>();
  private final LoopbackServer server;

  public FlakyNode(Mode initial) {
    this.mode = new AtomicReference<>(initial);
    this.server = LoopbackServer.start(routes -> routes.post("/", (req, res) -> {
      JsonNode request = Json.MAPPER.readTree(req.content().as(byte[].class));
      List<JsonNode> calls = request.isArray() ? request.valueStream().toList() : List.of(request);
      calls.forEach(call -> params.add(Json.MAPPER.writeValueAsString(call.get("params"))));
      Mode now = mode.get();
      switch (now) {
        case ACKNOWLEDGE, INVALID_PARAMS, INTERNAL_ERROR -> {
          List<String> answers = calls.stream().map(call -> answer(now, call)).toList();
          String body = request.isArray() ? "[" + String.join(",", answers) + "]" : answers.getFirst();
          res.send(body.getBytes(StandardCharsets.UTF_8));
        }
        case BUSY_503 -> res.status(503).send("busy");
        case ERROR_500 -> res.status(500).send("internal");
        case BAD_REQUEST_400 -> res.status(400).send("no such route");
        case HANG -> {
          Thread.sleep(3_000);
          res.status(504).send("too late");
        }
      }
    }));
  }

  /** One call's answer (a batch is answered call by call, as a node does). */
  private String answer(Mode now, JsonNode call) {
    long id = call.get("id").longValue();
    return switch (now) {
      case ACKNOWLEDGE -> {
        acknowledged.add(Json.MAPPER.writeValueAsString(call.get("params")));
        yield "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":true}";
      }
      case INVALID_PARAMS -> "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32602,\"message\":\"invalid proofOfTask\"}}";
      default -> "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32603,\"message\":\"p2p not ready\"}}";
    };
  }

  public void mode(Mode next) {
    mode.set(next);
  }

  /** The params of every call, in arrival order, as JSON text. */
  public List<String> calls() {
    return List.copyOf(params);
  }

  /** The params of the calls that were acknowledged. */
  public List<String> acknowledged() {
    return List.copyOf(acknowledged);
  }

  public String url() {
    return server.url("/");
  }

  @Override
  public void close() {
    server.close();
  }
}
