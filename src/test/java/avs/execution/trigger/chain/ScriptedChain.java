package avs.execution.trigger.chain;

import avs.execution.json.Json;
import avs.execution.support.LoopbackServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chain's JSON-RPC on 127.0.0.1 whose blocks and logs the test writes: eth_chainId, eth_blockNumber,
 * eth_getBlockByNumber, eth_getLogs (refusing more than {@code maxLogRange} blocks, as providers do) and eth_call
 * (answering getActiveOperatorsDetails with the operators set). {@link #reorg} replaces blocks from a height on.
 */
final class ScriptedChain implements AutoCloseable {
  record Log(long block, int index, List<String> topics, String data) {}

  private final List<String> hashes = new ArrayList<>();
  private final List<Log> logs = new ArrayList<>();
  private final List<String> operators = new ArrayList<>();
  private final AtomicInteger fork = new AtomicInteger();
  final AtomicInteger rangeErrors = new AtomicInteger();
  volatile int maxLogRange = Integer.MAX_VALUE;
  private final LoopbackServer server;

  ScriptedChain() {
    hashes.add(hash(0, 0));
    server = LoopbackServer.start(routes -> routes.post("/", (req, res) -> {
      JsonNode call = Json.MAPPER.readTree(req.content().as(byte[].class));
      ObjectNode answer = Json.object().put("jsonrpc", "2.0");
      answer.set("id", call.get("id"));
      try {
        answer.set("result", answer(call.path("method").asString(), call.path("params")));
      } catch (RangeTooLarge e) {
        answer.putObject("error").put("code", -32005).put("message", e.getMessage());
      } catch (IllegalStateException e) {
        answer.putObject("error").put("code", -32601).put("message", e.getMessage());
      }
      res.send(Json.bytes(answer));
    }));
  }

  String url() {
    return server.url("/");
  }

  private static String hash(long block, int fork) {
    return String.format("0x%062x%02x", block, fork);
  }

  synchronized void mine(int blocks) {
    for (int i = 0; i < blocks; i++) {
      hashes.add(hash(hashes.size(), fork.get()));
    }
  }

  synchronized long head() {
    return hashes.size() - 1;
  }

  synchronized String hashOf(long block) {
    return hashes.get((int) block);
  }

  synchronized void log(long block, int index, List<String> topics, String data) {
    logs.add(new Log(block, index, topics, data));
  }

  /** Replaces every block from {@code from} on with new ones (other hashes), dropping their logs. */
  synchronized void reorg(long from) {
    int newFork = fork.incrementAndGet();
    logs.removeIf(log -> log.block() >= from);
    for (int b = (int) from; b < hashes.size(); b++) {
      hashes.set(b, hash(b, newFork));
    }
  }

  synchronized void operators(List<String> addresses) {
    operators.clear();
    operators.addAll(addresses);
  }

  private synchronized JsonNode answer(String method, JsonNode params) {
    var nodes = Json.MAPPER.getNodeFactory();
    return switch (method) {
      case "eth_chainId" -> nodes.stringNode("0x7a69");
      case "eth_blockNumber" -> nodes.stringNode(EthRpc.hex(head()));
      case "eth_getBlockByNumber" -> {
        long n = Long.parseLong(params.get(0).asString().substring(2), 16);
        if (n > head()) {
          yield nodes.nullNode();
        }
        yield Json.object().put("number", EthRpc.hex(n)).put("hash", hashes.get((int) n)).put("parentHash", n == 0 ? hash(0, 0) : hashes.get((int) n - 1));
      }
      case "eth_getLogs" -> {
        JsonNode filter = params.get(0);
        long from = Long.parseLong(filter.path("fromBlock").asString().substring(2), 16);
        long to = Long.parseLong(filter.path("toBlock").asString().substring(2), 16);
        if (to - from + 1 > maxLogRange) {
          rangeErrors.incrementAndGet();
          throw new RangeTooLarge("query exceeds max block range " + maxLogRange);
        }
        String topic0 = filter.path("topics").path(0).asString(null);
        ArrayNode list = Json.array();
        for (Log log : logs) {
          if (log.block() >= from && log.block() <= to && (topic0 == null || log.topics().getFirst().equalsIgnoreCase(topic0))) {
            ObjectNode entry = list.addObject().put("address", filter.path("address").asString()).put("blockNumber", EthRpc.hex(log.block()))
                .put("blockHash", hashes.get((int) log.block())).put("transactionHash", hash(log.block() * 1000 + log.index(), 9))
                .put("logIndex", EthRpc.hex(log.index())).put("data", log.data()).put("removed", false);
            ArrayNode topics = entry.putArray("topics");
            log.topics().forEach(topics::add);
          }
        }
        yield list;
      }
      case "eth_call" -> {
        StringBuilder out = new StringBuilder(String.format("%064x%064x", 32, operators.size()));
        for (int i = 0; i < operators.size(); i++) {
          out.append("000000000000000000000000").append(operators.get(i).substring(2).toLowerCase()).append(String.format("%064x%064x", i + 1, 100));
        }
        yield nodes.stringNode("0x" + out);
      }
      default -> throw new IllegalStateException("method " + method + " is not scripted");
    };
  }

  @Override
  public void close() {
    server.close();
  }

  private static final class RangeTooLarge extends RuntimeException {
    RangeTooLarge(String message) {
      super(message);
    }
  }
}
