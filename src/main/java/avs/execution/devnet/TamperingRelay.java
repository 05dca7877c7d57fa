package avs.execution.devnet;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.http.HttpServers;
import avs.execution.http.ServerOptions;
import avs.execution.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The devnet's dishonest performer with a bad signature: a JSON-RPC relay between an honest execution service and
 * the aggregator that alters one hex digit of every sendTask signature on the way, so the aggregator sees a task
 * whose signature does not check out. Everything else passes through unchanged, answers included.
 */
final class TamperingRelay implements AutoCloseable {
  private final WebServer server;
  private final HttpClient http;
  private final URI aggregator;

  TamperingRelay(String host, URI aggregator, HttpClient http) {
    this.aggregator = aggregator;
    this.http = http;
    this.server = HttpServers.start(ServerOptions.loopback(host, 0), routes -> routes.post("/", this::relay));
  }

  int port() {
    return server.port();
  }

  private void relay(ServerRequest request, ServerResponse response) {
    byte[] body = request.content().as(byte[].class);
    HttpRequest forward = HttpRequest.newBuilder(aggregator).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(tampered(body))).build();
    try {
      HttpResponse<byte[]> answer = Upstreams.send(http, forward, HttpResponse.BodyHandlers.ofByteArray(), "aggregator");
      response.status(answer.statusCode()).header(HeaderNames.CONTENT_TYPE, "application/json").send(answer.body());
    } catch (UpstreamFailure e) {
      response.status(502).header(HeaderNames.CONTENT_TYPE, "application/json")
          .send(Json.bytes(Json.object().put("error", true).put("message", e.getMessage())));
    }
  }

  /** The call with sendTask's signature (param 4) altered in its last hex digit; other calls unchanged. */
  static byte[] tampered(byte[] body) {
    try {
      JsonNode call = Json.MAPPER.readTree(body);
      if (call instanceof ObjectNode object && "sendTask".equals(object.path("method").asString(""))
          && object.get("params") instanceof ArrayNode params && params.size() > 4 && params.get(4).isString()) {
        params.set(4, altered(params.get(4).stringValue()));
        return Json.bytes(object);
      }
    } catch (JacksonException e) {
      // not JSON: passed on as it is, for the aggregator to refuse
    }
    return body;
  }

  /** Changes the last hex digit before any closing quote and brace, keeping the form valid. */
  private static String altered(String signature) {
    int at = signature.endsWith("\"}") ? signature.length() - 3 : signature.length() - 1;
    if (signature.startsWith("0x") && signature.length() == 132) {
      at = 2 + 63; // the last digit of r: v stays valid, so the signature still parses and recovers to someone else
    }
    char digit = signature.charAt(at);
    char replacement = digit == '0' ? '1' : '0';
    return signature.substring(0, at) + replacement + signature.substring(at + 1);
  }

  @Override
  public void close() {
    server.stop();
  }
}
