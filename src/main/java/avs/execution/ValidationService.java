package avs.execution;

import avs.execution.config.Settings;
import avs.execution.error.Upstreams;
import avs.execution.http.HttpServers;
import avs.execution.http.ServerOptions;
import avs.execution.http.ValidationRoutes;
import avs.execution.health.HealthCheck;
import avs.execution.proof.CidVersion;
import avs.execution.proof.EmbeddedProofStore;
import avs.execution.proof.IpfsGateway;
import avs.execution.proof.KuboSettings;
import avs.execution.proof.ProofReader;
import avs.execution.task.TaskRegistry;
import avs.execution.validation.CustomMessages;
import avs.execution.validation.ValidationMetrics;
import avs.execution.validation.Validator;
import io.helidon.webserver.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Validation Service attesters call, assembled from validated settings. It needs no key and no outbox: an
 * attester operator runs only this ({@code avs validate}), a performer can run it beside the execution service
 * ({@code SERVICES=execution,validation}).
 */
public final class ValidationService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValidationService.class);
  private final HttpClient http;
  private final WebServer server;
  private final CustomMessages messages;
  private final TaskRegistry registry;

  private ValidationService(HttpClient http, WebServer server, CustomMessages messages, TaskRegistry registry) {
    this.http = http;
    this.server = server;
    this.messages = messages;
    this.registry = registry;
  }

  public static ValidationService start(Settings settings) {
    HttpClient http = Upstreams.newClient(settings.connectTimeout());
    TaskRegistry registry = null;
    try {
      ServerOptions listening = Ports.options(settings.server(), settings.validation().port());
      HttpServers.checkBindable(listening);
      PrometheusRegistry metrics = ServiceMetrics.registry();
      registry = Tasks.registry(settings, http, metrics);
      ProofReader proofs = proofReader(settings, http);
      Validator validator = new Validator(registry, proofs, ValidationMetrics.registeredWith(metrics));
      CustomMessages messages = new CustomMessages(registry, Clock.systemUTC());
      ValidationRoutes routes = new ValidationRoutes(validator, messages, metrics);
      WebServer server = HttpServers.start(listening, routes::register);
      LOG.info("validation service listening on http://{}:{} — tasks {}, proofs from the {}",
          settings.server().bindAddress(), server.port(), registry.describe(), proofs.name());
      return new ValidationService(http, server, messages, registry);
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      http.close();
      throw e;
    }
  }

  /**
   * The configured gateway (PINATA_GATEWAY or IPFS_HOST), else the Kubo node's gateway when proofs go to Kubo, else
   * the embedded store the execution side writes.
   */
  private static ProofReader proofReader(Settings settings, HttpClient http) {
    return settings.proofs().pinata().gateway()
        .or(() -> settings.proofs().kubo().map(KuboSettings::gateway))
        .<ProofReader>map(gateway -> new IpfsGateway(http, gateway, settings.proofs().pinata().timeout()))
        .orElseGet(() -> new EmbeddedProofStore(settings.dataDir().resolve("proofs"), CidVersion.of(settings.proofs().cidVersion())));
  }

  public int port() {
    return server.port();
  }

  /** What the node API reports for this service: its HTTP server. */
  public List<HealthCheck> healthChecks() {
    return List.of(HealthCheck.server("validation-service", "Validation Service", "POST /task/validate", server.port(), server::isRunning));
  }

  public CustomMessages messages() {
    return messages;
  }

  @Override
  public void close() {
    server.stop();
    registry.close();
    http.close();
  }
}
