package avs.execution.devnet;

import avs.execution.http.HttpServers;
import avs.execution.http.ServerOptions;
import avs.execution.json.Json;
import avs.execution.sign.BlsVerifier;
import avs.execution.sign.EcdsaVerifier;
import avs.execution.sign.Hex;
import avs.execution.sign.SignatureType;
import avs.execution.sign.TaskMessage;
import avs.execution.sign.bn254.Bn254;
import avs.execution.submit.JsonRpcCode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A local stand-in for an Othentic node's JSON-RPC endpoint — not the Othentic network. It checks sendTask params
 * as the node does; for ECDSA it recovers the signer from the signature over the task message and accepts only the
 * performer; for BLS it checks the pairing against the performer's registered public key. As the devnet's
 * aggregator it also refuses ECDSA performers that are not registered and gossips {@code sendCustomMessage}. With
 * verification off (load benchmarks) it checks form only.
 */
public final class NodeStandIn implements AutoCloseable {
  private final WebServer server;
  private final Mode mode;
  private final Consumer<ReceivedTask> listener;
  private final List<ReceivedTask> received = new CopyOnWriteArrayList<>();
  private final AtomicLong calls = new AtomicLong();
  private final Performers performers;
  private final Writer acceptedLog;
  private final long chainId;
  private final JsonRpcEndpoint endpoint;

  /**
   * How this stand-in behaves: whether it verifies signatures, keeps what it received, fails a share of calls on
   * purpose, requires ECDSA performers to be registered, and where custom messages go (null: not enabled).
   */
  private record Mode(boolean verify, boolean keepHistory, double failRate, boolean registrationRequired, Consumer<CustomMessage> customMessages) {}

  /** A custom message as the aggregator gossips it: the bytes, and the task definition when the sender named one. */
  public record CustomMessage(byte[] data, OptionalInt taskDefinitionId) {}

  /** The chain id eth_chainId answers unless told otherwise: anvil's and Hardhat's local chain. */
  public static final long DEFAULT_CHAIN_ID = 31337;

  private NodeStandIn(String host, int port, long chainId, Mode mode, Performers performers, Consumer<ReceivedTask> listener, Writer acceptedLog) {
    this.mode = mode;
    this.chainId = chainId;
    this.performers = performers;
    this.acceptedLog = acceptedLog;
    this.listener = mode.keepHistory() ? listener.andThen(received::add) : listener;
    this.endpoint = new JsonRpcEndpoint(methods());
    this.server = HttpServers.start(ServerOptions.loopback(host, port), routes -> routes.post("/", this::handle).post("/rpc", this::handle));
  }

  /** Starts on the given port (0 for any) on 127.0.0.1, verifying signatures and keeping every task received. */
  public static NodeStandIn start(int port, Consumer<ReceivedTask> listener) {
    return new NodeStandIn("127.0.0.1", port, DEFAULT_CHAIN_ID, new Mode(true, true, 0, false, null), new Performers(), listener, null);
  }

  /** For load runs: form checks only, no history kept. */
  public static NodeStandIn startForLoad(String host, int port, boolean verify) {
    return new NodeStandIn(host, port, DEFAULT_CHAIN_ID, new Mode(verify, false, 0, false, null), new Performers(), task -> {}, null);
  }

  /**
   * For fault runs: answers HTTP 503 to a random {@code failRate} of calls without looking at them, and appends the
   * params of every accepted sendTask (one JSON line each, flushed) to {@code acceptedLog}, so a driver can count
   * what arrived and whether repeats carried the same bytes.
   */
  public static NodeStandIn startForFaults(String host, int port, boolean verify, double failRate, Path acceptedLog) {
    try {
      Writer log = Files.newBufferedWriter(acceptedLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new NodeStandIn(host, port, DEFAULT_CHAIN_ID, new Mode(verify, false, failRate, false, null), new Performers(), task -> {}, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the node log " + acceptedLog, e);
    }
  }

  /**
   * The devnet's aggregator: verifies every signature, accepts only registered performers, hands each accepted task
   * to {@code listener} (which runs the attestation) and each custom message to {@code customMessages}.
   */
  public static NodeStandIn startAggregator(String host, int port, long chainId, Performers performers, Consumer<ReceivedTask> listener,
      Consumer<CustomMessage> customMessages) {
    return new NodeStandIn(host, port, chainId, new Mode(true, false, 0, true, customMessages), performers, listener, null);
  }

  /** Registers a performer's BLS public key, as the network knows it from the operator's registration. */
  public void registerBlsKey(String performerAddress, Bn254.G2Point publicKey) {
    performers.register(performerAddress, java.util.Optional.of(publicKey));
  }

  public int port() {
    return server.port();
  }

  public List<ReceivedTask> received() {
    return List.copyOf(received);
  }

  public long calls() {
    return calls.get();
  }

  @Override
  public void close() {
    server.stop();
    if (acceptedLog != null) {
      try {
        acceptedLog.close();
      } catch (IOException e) {
        // the lines written so far were flushed one by one
      }
    }
  }

  private void logAccepted(JsonNode params) {
    String line = Json.MAPPER.writeValueAsString(params) + "\n";
    synchronized (acceptedLog) {
      try {
        acceptedLog.write(line);
        acceptedLog.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the node log", e);
      }
    }
  }

  private void handle(ServerRequest request, ServerResponse response) {
    calls.incrementAndGet();
    if (mode.failRate() > 0 && ThreadLocalRandom.current().nextDouble() < mode.failRate()) {
      response.status(503).header(HeaderNames.CONTENT_TYPE, "application/json")
          .send(Json.bytes(Json.object().put("error", true).put("message", "busy (the stand-in fails this share of calls on purpose)")));
      return;
    }
    byte[] body = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
    endpoint.answer(body).ifPresentOrElse(
        answer -> response.header(HeaderNames.CONTENT_TYPE, "application/json").send(answer),
        () -> response.status(204).send());
  }

  private Map<String, JsonRpcEndpoint.Method> methods() {
    Map<String, JsonRpcEndpoint.Method> methods = new HashMap<>();
    methods.put("sendTask", params -> {
      ObjectNode answer = sendTask(params);
      if (acceptedLog != null && answer.has("result")) {
        logAccepted(params);
      }
      return answer;
    });
    // what ethers' JsonRpcProvider asks before anything else, and retries forever without
    methods.put("eth_chainId", params -> JsonRpcEndpoint.result(StringNode.valueOf("0x" + Long.toHexString(chainId))));
    methods.put("net_version", params -> JsonRpcEndpoint.result(StringNode.valueOf(Long.toString(chainId))));
    if (mode.customMessages() != null) {
      methods.put("sendCustomMessage", this::sendCustomMessage);
    }
    return methods;
  }

  /** {@code ["0x…"]} (the 2024 nodes) or {@code ["0x…", taskDefinitionId]} (node 1.1): gossiped to the validation services. */
  private ObjectNode sendCustomMessage(JsonNode params) {
    byte[] data;
    OptionalInt taskDefinitionId = OptionalInt.empty();
    try {
      if (params == null || !params.isArray() || params.isEmpty() || params.size() > 2 || !params.get(0).isString()) {
        throw new IllegalArgumentException("params must be [\"0x…\"] or [\"0x…\", taskDefinitionId]");
      }
      data = Hex.decode(params.get(0).stringValue());
      if (params.size() == 2) {
        JsonNode id = params.get(1);
        if (!id.isIntegralNumber() || id.asLong() < 0 || id.asLong() > 65535) {
          throw new IllegalArgumentException("taskDefinitionId (param 1) must be a number from 0 to 65535");
        }
        taskDefinitionId = OptionalInt.of(id.asInt());
      }
    } catch (IllegalArgumentException e) {
      return JsonRpcEndpoint.error(JsonRpcCode.INVALID_PARAMS, "sendCustomMessage: " + e.getMessage());
    }
    mode.customMessages().accept(new CustomMessage(data, taskDefinitionId));
    return JsonRpcEndpoint.result(BooleanNode.TRUE);
  }

  private ObjectNode sendTask(JsonNode params) {
    TaskMessage message;
    String signature;
    SignatureType type;
    try {
      if (params == null || !params.isArray() || params.size() < 5 || params.size() > 7) {
        throw new IllegalArgumentException("params must be an array of 5 to 7 values");
      }
      int id = params.get(2).asInt(-1);
      if (!params.get(2).isIntegralNumber() || id < 0 || id > 65535) {
        throw new IllegalArgumentException("taskDefinitionId (param 2) must be a number from 0 to 65535");
      }
      String performer = params.get(3).asString("");
      if (!performer.matches("0x[0-9a-fA-F]{40}")) {
        throw new IllegalArgumentException("performerAddress (param 3) must be 0x + 40 hex digits");
      }
      message = new TaskMessage(params.get(0).asString(), Hex.decode(params.get(1).asString()), performer, id);
      signature = params.get(4).asString();
      type = params.size() > 5 ? SignatureType.fromWireName(params.get(5).asString()) : SignatureType.ECDSA;
      if (params.size() == 7 && !params.get(6).isIntegralNumber()) {
        throw new IllegalArgumentException("targetChainId (param 6) must be a number");
      }
    } catch (IllegalArgumentException e) {
      return JsonRpcEndpoint.error(JsonRpcCode.INVALID_PARAMS, e.getMessage());
    }
    String refusal = mode.verify() ? refusal(message, signature, type) : null;
    String verdict = refusal != null ? refusal
        : !mode.verify() ? "accepted without verification (load mode)"
        : type == SignatureType.BLS ? "BLS pairing check passed for the performer's registered key"
        : "signature recovers to the performer";
    ReceivedTask task = new ReceivedTask(message.proofOfTask(), message.dataHex(), message.taskDefinitionId(),
        message.performerAddress(), signature, refusal == null, verdict);
    listener.accept(task);
    return refusal == null ? JsonRpcEndpoint.result(BooleanNode.TRUE) : JsonRpcEndpoint.error(JsonRpcCode.INVALID_SIGNATURE, refusal);
  }

  /** Null when the signature is the performer's; otherwise why not. */
  private String refusal(TaskMessage message, String signature, SignatureType type) {
    if (type == SignatureType.BLS) {
      Bn254.G2Point publicKey = performers.blsKey(message.performerAddress()).orElse(null);
      if (publicKey == null) {
        return "performer " + message.performerAddress() + " has no registered BLS public key";
      }
      try {
        return BlsVerifier.verify(message, signature, publicKey)
            ? null
            : "BLS signature does not verify (pairing check failed) for performer " + message.performerAddress();
      } catch (IllegalArgumentException e) {
        return "bad BLS signature: " + e.getMessage();
      }
    }
    try {
      String signer = EcdsaVerifier.recoverAddress(message.hash(), signature);
      if (!signer.equalsIgnoreCase(message.performerAddress())) {
        return "signature recovers to " + signer + ", not to the performer " + message.performerAddress();
      }
      return mode.registrationRequired() && !performers.isRegistered(message.performerAddress())
          ? "performer " + message.performerAddress() + " is not a registered operator of this AVS"
          : null;
    } catch (IllegalArgumentException e) {
      return "bad ECDSA signature: " + e.getMessage();
    }
  }
}
