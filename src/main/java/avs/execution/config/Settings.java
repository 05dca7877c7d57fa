package avs.execution.config;

import avs.execution.sign.SignatureType;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the service is configured with, validated once by {@link SettingsLoader} before anything starts.
 * Secrets are {@link Secret}s, so printing a Settings never prints one.
 */
public record Settings(
    Server server,
    Path dataDir,
    Optional<Secret> privateKey,
    SignatureType signatureType,
    Optional<String> performerAddress,
    Node node,
    TargetChains targetChains,
    Oracle oracle,
    String taskDefinitions,
    Proofs proofs,
    Duration connectTimeout,
    Outbox outbox,
    Validation validation) {

  /**
   * How the HTTP ports listen and what they tolerate from a client: sizes, the time each part of a request may take,
   * and the Host names they answer to besides the bind address and loopback ({@code *}: any).
   */
  public record Server(String bindAddress, int port, int maxBodyBytes, int maxHeaderBytes, Duration headersTimeout,
      Duration bodyTimeout, Duration keepAliveTimeout, Set<String> allowedHosts) {}

  public record Node(URI rpcUrl, Duration timeout) {}

  /**
   * The durable task queue and how tasks are delivered: how long a trigger waits for the node's acknowledgement
   * before answering 202, how retries back off, when a task gives up (attempts or age), and the admission limits.
   */
  public record Outbox(
      Path file,
      Optional<Secret> databaseUrl,
      Duration ackWait,
      int maxAttempts,
      Duration deadline,
      Duration retryBase,
      Duration retryMax,
      int sendConcurrency,
      int maxInFlight,
      int maxQueued) {}

  /**
   * The Validation Service attesters call ({@code POST /task/validate}): its port, how strictly price proofs are
   * judged, and whether {@code serve} runs it beside the execution service ({@code SERVICES}).
   */
  public record Validation(int port, BigDecimal allowedDeviation, Duration maxProofAge, Set<Service> services) {}

  /** The two halves one process can run: the performer's execution service and the attesters' validation service. */
  public enum Service {
    EXECUTION, VALIDATION;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public record Oracle(URI baseUrl, String symbol, Duration timeout) {}

  public enum ProofStoreKind { EMBEDDED, PINATA }

  public record Proofs(ProofStoreKind store, int cidVersion, Pinata pinata) {}

  /** Pinata credentials: an API key and secret, or a JWT. Absent values are empty Optionals. */
  public record Pinata(
      URI apiUrl,
      Optional<String> apiKey,
      Optional<Secret> apiSecret,
      Optional<Secret> jwt,
      Optional<URI> gateway,
      Duration timeout) {}
}
