package avs.execution;

import avs.execution.config.ConfigException;
import avs.execution.config.Settings;
import avs.execution.error.Upstreams;
import avs.execution.http.HttpServers;
import avs.execution.console.ConsoleRoutes;
import avs.execution.http.Routes;
import avs.execution.http.ServerOptions;
import avs.execution.outbox.Outbox;
import avs.execution.outbox.TaskState;
import avs.execution.pipeline.Preparation;
import avs.execution.pipeline.TaskMetrics;
import avs.execution.pipeline.TaskIntake;
import avs.execution.health.Health;
import avs.execution.health.HealthCheck;
import avs.execution.proof.CidVersion;
import avs.execution.proof.EmbeddedProofStore;
import avs.execution.proof.KuboProofStore;
import avs.execution.proof.PinataProofStore;
import avs.execution.proof.ProofStore;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.EcdsaSigner;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignatureType;
import avs.execution.sign.Signer;
import avs.execution.submit.NodeClient;
import avs.execution.submit.NodeConnectionCheck;
import avs.execution.task.InvalidTaskSpec;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRegistry;
import avs.execution.error.IdempotencyKeyReused;
import avs.execution.retention.Pruner;
import avs.execution.retention.RetentionMetrics;
import avs.execution.trigger.Firing;
import avs.execution.trigger.MessageRouting;
import avs.execution.trigger.TriggerMetrics;
import avs.execution.trigger.Triggers;
import io.helidon.webserver.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The execution service assembled from validated settings: build every stage, then start the HTTP server. */
public final class ExecutionService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);
  private final HttpClient http;
  private final WebServer server;
  private final TaskIntake intake;
  private final TaskRegistry registry;
  private final Settings settings;
  private final NodeConnectionCheck nodeConnection;

  private final Triggers triggers;
  private final Pruner pruner;
  private final ProofStore proofs;

  private ExecutionService(HttpClient http, WebServer server, TaskIntake intake, TaskRegistry registry, Settings settings, Triggers triggers,
      Pruner pruner, ProofStore proofs) {
    this.triggers = triggers;
    this.pruner = pruner;
    this.proofs = proofs;
    this.nodeConnection = new NodeConnectionCheck(http, settings.node(), settings.nodeApi().nodeUnhealthyAfter(), Clock.systemUTC());
    this.http = http;
    this.server = server;
    this.intake = intake;
    this.registry = registry;
    this.settings = settings;
  }

  /** Builds and starts; a ConfigException (one line per problem) if the settings cannot make a working service. */
  public static ExecutionService start(Settings settings) {
    Signer signer = signer(settings);
    HttpClient http = Upstreams.newClient(settings.connectTimeout());
    try {
      return start(settings, signer, http);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  private static ExecutionService start(Settings settings, Signer signer, HttpClient http) {
    ServerOptions listening = Ports.options(settings.server(), settings.server().port());
    HttpServers.checkBindable(listening);
    ProofStore proofs = proofStore(settings, http);
    PrometheusRegistry metrics = ServiceMetrics.registry();
    TaskRegistry registry = Tasks.registry(settings, http, metrics);
    Outbox outbox;
    TaskIntake intake;
    try {
      outbox = Outbox.open(settings.outbox(), Clock.systemUTC());
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    try {
      intake = new TaskIntake(outbox, new Preparation(registry, proofs, signer), new NodeClient(http, settings.node()), settings.delivery(),
          Clock.systemUTC(), outbox.singleNode(), TaskMetrics.registeredWith(metrics));
    } catch (RuntimeException e) {
      outbox.close();
      registry.close();
      throw e;
    }
    Optional<EmbeddedProofStore> embedded = proofs instanceof EmbeddedProofStore store ? Optional.of(store) : Optional.empty();
    Pruner pruner = new Pruner(outbox, embedded, settings.retention(), Clock.systemUTC(),
        new RetentionMetrics(metrics, outbox, embedded, settings.retention())).start();
    Triggers triggers;
    TriggerMetrics triggerMetrics = new TriggerMetrics(metrics);
    Firing firing = firing(intake);
    try {
      triggers = Triggers.start(settings.triggers(), http, Clock.systemUTC(), firing, intake::checkAdmissible, outbox, intake.performerAddress(),
          triggerMetrics);
    } catch (InvalidTaskSpec e) {
      pruner.close();
      intake.close();
      registry.close();
      throw new ConfigException(e.problems());
    }
    try {
      Routes routes = new Routes(intake, proofs, settings.targetChains(), settings.server().maxInputBytes(), metrics, triggers::describe,
          new MessageRouting(intake.performerAddress(), firing, triggerMetrics));
      ConsoleRoutes console = new ConsoleRoutes(intake, settings, registry.entries().stream().map(TaskRegistry.Registered::spec).toList(),
          preparationNames(registry), triggers::describe, proofs.name(), Clock.systemUTC());
      WebServer server = HttpServers.start(listening, table -> {
        routes.register(table);
        console.register(table);
      });
      var counts = outbox.counts();
      LOG.info("execution service listening on http://{}:{} — performer {}, tasks {}, proofs {}, node {}, outbox {} ({} unfinished, {} dead)",
          settings.server().bindAddress(), server.port(), signer.performerAddress(), registry.describe(),
          proofs.name(), settings.node().rpcUrl(), outbox.describe(),
          counts.get(TaskState.RECEIVED) + counts.get(TaskState.PENDING), counts.get(TaskState.DEAD));
      LOG.info("retention: finished tasks and proofs are kept for {}", settings.retention().describe());
      if (triggers.size() > 0) {
        LOG.info("triggers: {}", triggers.describe().stream().map(t -> t.path("id").asString()).toList());
      }
      LOG.info("{}", console.startupNote("http://" + settings.server().bindAddress() + ":" + server.port()));
      return new ExecutionService(http, server, intake, registry, settings, triggers, pruner, proofs);
    } catch (RuntimeException e) {
      triggers.close();
      pruner.close();
      intake.close();
      registry.close();
      throw e;
    }
  }

  private static java.util.function.IntFunction<String> preparationNames(TaskRegistry registry) {
    return id -> registry.lookup(id).map(TaskDefinition::name).orElse("unknown");
  }

  public int port() {
    return server.port();
  }

  /**
   * How triggers start tasks: through the intake, under their key. A key already taken with another input (the
   * tasks file's static input changed since) is the same firing, not a new one.
   */
  private static Firing firing(TaskIntake intake) {
    return (taskDefinitionId, input, key) -> {
      try {
        return intake.fire(taskDefinitionId, input, key) ? Firing.Result.CREATED : Firing.Result.DUPLICATE;
      } catch (IdempotencyKeyReused e) {
        return Firing.Result.DUPLICATE;
      }
    };
  }

  /**
   * What the node API reports for this service: its HTTP server, the outbox (down when the database does not answer,
   * degraded above HEALTH_BACKLOG_LIMIT unfinished tasks) and the Othentic node's JSON-RPC.
   */
  public List<HealthCheck> healthChecks() {
    long backlogLimit = settings.nodeApi().backlogLimit();
    return List.of(
        HealthCheck.server("execution-service", "Execution Service", "POST /task/execute", server.port(), server::isRunning),
        HealthCheck.of("outbox", "Outbox", "the durable task queue, " + intake.outbox().describe(), true, () -> {
          Optional<String> problem = intake.outbox().writeProblem().or(proofs::writeProblem);
          if (problem.isPresent()) {
            return Health.down(problem.get());
          }
          long unfinished = intake.outbox().unfinished();
          String count = unfinished + " unfinished task" + (unfinished == 1 ? "" : "s");
          return unfinished > backlogLimit
              ? Health.partial("backlog: " + count + ", above HEALTH_BACKLOG_LIMIT=" + backlogLimit)
              : Health.up(count);
        }),
        nodeConnection);
  }

  public String performerAddress() {
    return intake.performerAddress();
  }

  /** Puts dead tasks (these, or all when none are given) back in the queue with fresh attempts and deadline. */
  public int requeueDead(List<String> taskIds) {
    return intake.outbox().requeueDead(taskIds, settings.delivery().deadline());
  }

  /**
   * Stops taking triggers, lets work in progress finish its step, and closes the outbox: whatever is unfinished is
   * on disk and resumes at the next start.
   */
  @Override
  public void close() {
    triggers.close(); // no new firings; one under way is found again by its key after a restart
    pruner.close();
    intake.stopAdmitting(); // before the server stops, so no handler is cut off mid-step
    server.stop();
    intake.close();
    registry.close();
    http.close();
  }

  private static Signer signer(Settings settings) {
    if (settings.privateKey().isEmpty()) {
      throw new ConfigException(List.of("PRIVATE_KEY_PERFORMER is not set: put the performer's key (0x + 64 hex digits) in the environment or the .env file"));
    }
    String keyText = settings.privateKey().get().reveal();
    Secp256k1Key key;
    try {
      key = Secp256k1Key.parse(keyText, "PRIVATE_KEY_PERFORMER");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
    if (settings.signatureType() == SignatureType.BLS) {
      if (!BlsSigner.isCanonical(keyText)) {
        LOG.warn("PRIVATE_KEY_PERFORMER is not written as 0x + lower-case hex: its BLS key is derived from the text as written, "
            + "so it differs from the key of the lower-case spelling (as in the reference). Check the public key with `avs keys`.");
      }
      String performer = settings.performerAddress().orElseThrow(() -> new ConfigException(List.of(
          "SIGNATURE_TYPE=bls needs PERFORMER_ADDRESS: the address of the operator's controller (ECDSA) key")));
      return BlsSigner.fromKeyText(keyText, performer);
    }
    settings.performerAddress()
        .filter(configured -> !configured.equalsIgnoreCase(key.address()))
        .ifPresent(configured -> {
          throw new ConfigException(List.of("PERFORMER_ADDRESS " + configured + " is not the address of PRIVATE_KEY_PERFORMER ("
              + key.address() + "): with ECDSA the network checks that the performer is the signing key"));
        });
    return new EcdsaSigner(key);
  }

  private static ProofStore proofStore(Settings settings, HttpClient http) {
    CidVersion version = CidVersion.of(settings.proofs().cidVersion());
    return switch (settings.proofs().store()) {
      case EMBEDDED -> new EmbeddedProofStore(settings.dataDir().resolve("proofs"), version);
      case PINATA -> new PinataProofStore(http, settings.proofs().pinata(), version);
      case KUBO -> new KuboProofStore(http, settings.proofs().kubo().orElseThrow(), version);
    };
  }

}
