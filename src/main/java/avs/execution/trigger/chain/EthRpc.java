package avs.execution.trigger.chain;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The few Ethereum JSON-RPC calls chain triggers make, over HTTP: {@code eth_chainId}, {@code eth_blockNumber},
 * {@code eth_getBlockByNumber}, {@code eth_getLogs} and {@code eth_call}. A JSON-RPC error is an {@link EthRpcError}
 * (with whether it is a provider's log-range limit); a transport failure is an UpstreamFailure naming the RPC.
 */
public final class EthRpc {
  /** A block as triggers need it. */
  public record Block(long number, String hash, String parentHash) {}

  /** A log as {@code eth_getLogs} returns it. */
  public record Log(String address, List<String> topics, String data, long blockNumber, String blockHash, String transactionHash, long logIndex,
      boolean removed) {}

  private final HttpClient http;
  private final URI url;
  private final Duration timeout;
  private final String upstream;
  private final AtomicLong ids = new AtomicLong();

  public EthRpc(HttpClient http, URI url, Duration timeout) {
    this.http = http;
    this.url = url;
    this.timeout = timeout;
    this.upstream = "chain RPC " + url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }

  public String describe() {
    return upstream;
  }

  public long chainId() {
    return quantity(call("eth_chainId", Json.array()));
  }

  public long blockNumber() {
    return quantity(call("eth_blockNumber", Json.array()));
  }

  public Block block(long number) {
    JsonNode block = call("eth_getBlockByNumber", Json.array().add(hex(number)).add(false));
    if (block == null || block.isNull()) {
      throw new EthRpcError(0, "block " + number + " is not known to " + upstream);
    }
    return new Block(quantity(block.path("number")), block.path("hash").asString(), block.path("parentHash").asString());
  }

  public List<Log> logs(String address, List<String> topics, long from, long to) {
    ObjectNode filter = Json.object().put("address", address).put("fromBlock", hex(from)).put("toBlock", hex(to));
    ArrayNode topicFilter = filter.putArray("topics");
    topics.forEach(topic -> {
      if (topic == null) {
        topicFilter.addNull();
      } else {
        topicFilter.add(topic);
      }
    });
    List<Log> logs = new ArrayList<>();
    for (JsonNode log : call("eth_getLogs", Json.array().add(filter))) {
      List<String> logTopics = new ArrayList<>();
      log.path("topics").forEach(t -> logTopics.add(t.asString()));
      logs.add(new Log(log.path("address").asString(), logTopics, log.path("data").asString("0x"), quantity(log.path("blockNumber")),
          log.path("blockHash").asString(), log.path("transactionHash").asString(), quantity(log.path("logIndex")), log.path("removed").asBoolean(false)));
    }
    return logs;
  }

  /** {@code eth_call} at a block ("latest" or a number), the result's hex. */
  public String call(String to, String data, String blockTag) {
    return call("eth_call", Json.array().add(Json.object().put("to", to).put("data", data)).add(blockTag)).asString();
  }

  public static String hex(long number) {
    return "0x" + Long.toHexString(number);
  }

  private JsonNode call(String method, ArrayNode params) {
    ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
    request.set("params", params);
    HttpRequest post = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(request))).build();
    HttpResponse<byte[]> response = Upstreams.send(http, post, HttpResponse.BodyHandlers.ofByteArray(), upstream);
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(response.body());
    } catch (JacksonException e) {
      throw new EthRpcError(response.statusCode(), method + " answered HTTP " + response.statusCode() + " with something that is not JSON-RPC: "
          + Upstreams.excerpt(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
    }
    if (answer.has("error")) {
      JsonNode error = answer.get("error");
      throw new EthRpcError(error.path("code").asInt(), method + ": " + error.path("message").asString("error") + (error.has("data")
          ? " (" + Upstreams.excerpt(error.get("data").toString()) + ")" : ""));
    }
    if (response.statusCode() / 100 != 2 || !answer.has("result")) {
      throw new EthRpcError(response.statusCode(), method + " answered HTTP " + response.statusCode() + " without a result");
    }
    return answer.get("result");
  }

  private static long quantity(JsonNode node) {
    String text = node.asString("");
    if (!text.startsWith("0x")) {
      throw new EthRpcError(0, "expected a hex quantity, got " + Upstreams.excerpt(node.toString()));
    }
    return Long.parseLong(text.substring(2), 16);
  }
}
