package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.proof.Proof;
import avs.execution.proof.ProofStore;
import avs.execution.sign.SignedTask;
import avs.execution.sign.Signer;
import avs.execution.sign.TaskMessage;
import avs.execution.submit.SendTask;
import avs.execution.task.DataPlacement;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRegistry;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Everything before sending: execute the task, store its proof (and its data, when it goes by reference), sign, and
 * write the sendTask params. The upstream steps (the exchange, an adapter, the pinning service) are tried up to
 * {@link #STEP_ATTEMPTS} times when they fail quickly in a way worth retrying; a task without a proof never gets a
 * signature.
 */
public final class Preparation {
  private static final Logger LOG = LoggerFactory.getLogger(Preparation.class);
  static final int STEP_ATTEMPTS = 3;
  private static final Backoff STEP_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
  private final TaskRegistry registry;
  private final ProofStore proofs;
  private final Signer signer;

  public Preparation(TaskRegistry registry, ProofStore proofs, Signer signer) {
    this.registry = registry;
    this.proofs = proofs;
    this.signer = signer;
  }

  /** A task ready to send: its proof, its on-chain data, and the params every attempt will send. */
  public record Prepared(String proofOfTask, String data, String paramsJson, String signature, String summary) {}

  /** Thrown with the stage that failed, wrapping the cause (an UpstreamFailure keeps its kind for the HTTP status). */
  public static final class StageFailure extends RuntimeException {
    private final String stage;

    StageFailure(String stage, RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.stage = stage;
    }

    public String stage() {
      return stage;
    }

    /** The original failure, to rethrow where its type decides the answer. */
    public RuntimeException original() {
      return (RuntimeException) getCause();
    }
  }

  /**
   * Whether a trigger can run at all, checked before it is admitted, so that no task is recorded for it: an id nothing
   * is registered for (or one of the node's own) is a NotFound; an input the task cannot take, a BadRequest.
   */
  public void checkAdmissible(int taskDefinitionId, JsonNode input) {
    registry.find(taskDefinitionId).checkInput(input);
  }

  /** The configured name of the task definition for an id (for logs and metrics); "unknown" when none is registered. */
  String taskName(int taskDefinitionId) {
    return registry.lookup(taskDefinitionId).map(TaskDefinition::name).orElse("unknown");
  }

  public Prepared prepare(TaskRequest request) {
    return prepare(request, (stage, detail) -> {});
  }

  /** Hears each stage of {@link #prepare(TaskRequest, Stages)} as it completes. */
  @FunctionalInterface
  public interface Stages {
    void completed(String stage, String detail);
  }

  /** As {@link #prepare(TaskRequest)}, telling {@code stages} as each stage completes. */
  public Prepared prepare(TaskRequest request, Stages stages) {
    TaskRegistry.Registered task = registry.entry(request.taskDefinitionId());
    TaskResult result = step("execute", request, () -> task.definition().execute(request));
    stages.completed("executed", result.summary());
    Proof proof = step("proof", request, () -> proofs.put(result.proofDocument()));
    byte[] data = result.data();
    if (task.spec().data().byReference(data.length)) {
      Proof stored = step("proof", request, () -> proofs.put(result.data()));
      data = (DataPlacement.REFERENCE_PREFIX + stored.cid()).getBytes(StandardCharsets.UTF_8);
    }
    stages.completed("proof stored", proof.cid() + " in the " + proofs.name() + " store");
    SignedTask signed;
    try {
      signed = signer.sign(new TaskMessage(proof.cid(), data, signer.performerAddress(), request.taskDefinitionId()));
    } catch (RuntimeException e) {
      throw new StageFailure("sign", e);
    }
    stages.completed("signed", "by " + signer.performerAddress());
    String params = SendTask.of(signed, request.targetChainId()).paramsJson();
    return new Prepared(proof.cid(), DataText.of(data), params, signed.signature(), result.summary());
  }

  public String performerAddress() {
    return signer.performerAddress();
  }

  private static <T> T step(String stage, TaskRequest request, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (UpstreamFailure e) {
        // a timeout is not tried again here: the caller has waited a whole timeout already (the outbox tries later)
        if (!e.retryable() || e.kind() == UpstreamFailure.Kind.TIMEOUT || attempt >= STEP_ATTEMPTS) {
          throw new StageFailure(stage, e);
        }
        Duration wait = STEP_BACKOFF.after(attempt);
        LOG.debug("task {} {} attempt {} failed, retrying in {} ms: {}", request.taskId(), stage, attempt, wait.toMillis(), e.getMessage());
        sleep(wait);
      } catch (RuntimeException e) {
        throw new StageFailure(stage, e);
      }
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
