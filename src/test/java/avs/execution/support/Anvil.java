package avs.execution.support;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Foundry's anvil, a real local EVM node, on a free loopback port: the binary from the npm package
 * {@code @foundry-rs/anvil-linux-amd64} (installed by the test into target/npm, used directly), plus the few calls
 * the tests make: deploy, send, mine, snapshot and revert.
 */
public final class Anvil implements AutoCloseable {
  public static final String PACKAGE = "@foundry-rs/anvil-linux-amd64@1.7.1";
  /** anvil's first unlocked account. */
  public static final String ACCOUNT = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private long ids;

  private Anvil(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static Anvil start() {
    Path binary = NodePackages.install(PACKAGE).resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
    int port = LoopbackServer.closedPort();
    try {
      Process process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--silent")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Anvil anvil = new Anvil(process, port);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (true) {
        try {
          anvil.call("eth_chainId", Json.array());
          if (process.isAlive()) {
            return anvil; // and not another anvil that held the port
          }
        } catch (RuntimeException e) {
          if (System.nanoTime() > deadline || !process.isAlive()) {
            process.destroyForcibly();
            throw new IllegalStateException("anvil did not start on port " + port, e);
          }
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("anvil exited at start (port " + port + " taken?)");
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  public synchronized JsonNode call(String method, ArrayNode params) {
    var request = Json.object().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
    request.set("params", params);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.text(request))).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = Json.MAPPER.readTree(response.body());
      if (answer.has("error")) {
        throw new IllegalStateException(method + ": " + answer.get("error"));
      }
      return answer.get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deploys the test contract (src/test/resources/chain/TriggerFixture.bin) and returns its address. */
  public String deployFixture() throws IOException {
    String bytecode = Files.readString(Path.of("src/test/resources/chain/TriggerFixture.bin")).strip();
    String hash = send(null, bytecode);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) { // mined at once, but a busy machine may answer for the receipt before it is there
      JsonNode receipt = call("eth_getTransactionReceipt", Json.array().add(hash));
      if (receipt != null && receipt.path("contractAddress").isString()) {
        return receipt.path("contractAddress").asString();
      }
      assertThat(System.nanoTime()).as("the fixture's deployment " + hash + " has a receipt within 20 s").isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A transaction from the first account (automined into its own block); its hash. */
  public String send(String to, String data) {
    var tx = Json.object().put("from", ACCOUNT).put("data", data).put("gas", "0x1e8480");
    if (to != null) {
      tx.put("to", to);
    }
    String hash = call("eth_sendTransaction", Json.array().add(tx)).asString();
    awaitMined(hash);
    return hash;
  }

  /**
   * Anvil answers eth_sendTransaction before its automine has put the transaction in a block; a revert in that moment
   * would leave it in the pool, to be mined after the revert. So a send returns once its receipt exists (bounded).
   */
  private void awaitMined(String hash) {
    for (int tries = 0; tries < 500; tries++) {
      JsonNode receipt = call("eth_getTransactionReceipt", Json.array().add(hash));
      if (receipt != null && receipt.isObject()) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for transaction " + hash, e);
      }
    }
    throw new IllegalStateException("transaction " + hash + " was not mined within 5 s");
  }

  public void mine(int blocks) {
    call("anvil_mine", Json.array().add("0x" + Integer.toHexString(blocks)));
  }

  public String snapshot() {
    return call("evm_snapshot", Json.array()).asString();
  }

  public void revert(String snapshot) {
    assertThat(call("evm_revert", Json.array().add(snapshot)).asBoolean()).isTrue();
  }

  public long blockNumber() {
    return Long.parseLong(call("eth_blockNumber", Json.array()).asString().substring(2), 16);
  }


  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS); // its port is free again before the next anvil starts
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
