package avs.execution.config;

import avs.execution.logging.Secret;
import avs.execution.outbox.OutboxSettings;
import avs.execution.pipeline.DeliveryPolicy;
import avs.execution.proof.ProofSettings;
import avs.execution.retention.RetentionSettings;
import avs.execution.sign.SignatureType;
import avs.execution.submit.NodeSettings;
import avs.execution.task.TaskSpec;
import avs.execution.task.price.PriceOracleSettings;
import avs.execution.trigger.TriggerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the service is configured with, validated once by {@link SettingsLoader} before anything starts: the
 * settings each stage owns (its own record, in its own package), and what only the assembly needs. Secrets are
 * {@link Secret}s, so printing a Settings never prints one.
 *
 * @param tasks the task definitions, from the tasks file or TASK_DEFINITIONS
 * @param taskProblems what is wrong with the task entries; reported together with what their kinds find wrong when the
 *     tasks are made (so that one start shows every problem of a tasks file), or with the other settings' problems
 * @param tasksDirectory where the tasks' relative paths start: the tasks file's directory, else the working directory
 * @param variables every variable (environment, .env, flags) as a secret, for tasks that name one ({@code ${API_TOKEN}})
 * @param triggers the tasks' own triggers (schedules, blocks, events), from the tasks file
 * @param console the operator console's settings
 * @param retention how long finished tasks and proofs are kept
 */
public record Settings(
    Server server,
    Path dataDir,
    Optional<Secret> privateKey,
    SignatureType signatureType,
    Optional<String> performerAddress,
    NodeSettings node,
    TargetChains targetChains,
    PriceOracleSettings oracle,
    List<TaskSpec> tasks,
    List<String> taskProblems,
    Path tasksDirectory,
    ProofSettings proofs,
    Duration connectTimeout,
    OutboxSettings outbox,
    DeliveryPolicy delivery,
    Validation validation,
    NodeApi nodeApi,
    Map<String, Secret> variables,
    List<TriggerSpec> triggers,
    Console console,
    RetentionSettings retention) {

  /** The operator console: the token its actions need (CONSOLE_TOKEN; without it, one is made at start-up). */
  public record Console(Optional<Secret> token) {}

  /**
   * How the HTTP ports listen and what they tolerate from a client: sizes, the time each part of a request may take,
   * and the Host names they answer to besides the bind address and loopback ({@code *}: any).
   */
  public record Server(String bindAddress, int port, int maxBodyBytes, int maxHeaderBytes, int maxInputBytes, Duration headersTimeout,
      Duration bodyTimeout, Duration keepAliveTimeout, Set<String> allowedHosts) {}

  /** The Validation Service's port, and whether {@code serve} runs it beside the execution service ({@code SERVICES}). */
  public record Validation(int port, Set<Service> services) {}

  /**
   * The EigenLayer node API: its port ({@code NODE_API_PORT}, empty when {@code off}), the unfinished tasks above
   * which the node is only partially healthy ({@code HEALTH_BACKLOG_LIMIT}), and how long the Othentic node may be
   * unreachable before this node is unhealthy ({@code NODE_UNHEALTHY_AFTER_SECONDS}).
   */
  public record NodeApi(java.util.OptionalInt port, long backlogLimit, Duration nodeUnhealthyAfter) {}

  /** The two halves one process can run: the performer's execution service and the attesters' validation service. */
  public enum Service {
    EXECUTION, VALIDATION;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
