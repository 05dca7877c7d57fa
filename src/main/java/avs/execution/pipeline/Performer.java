package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.proof.Proof;
import avs.execution.proof.ProofStore;
import avs.execution.sign.SignedTask;
import avs.execution.sign.Signer;
import avs.execution.sign.TaskMessage;
import avs.execution.submit.Acknowledgement;
import avs.execution.submit.SendTask;
import avs.execution.submit.Submitter;
import avs.execution.task.TaskRegistry;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The performer's pipeline, one plain call per stage: task → proof → sign → submit. Every task gets one log line
 * saying how it ended, and a failure at any stage stops it before anything is sent.
 */
public final class Performer {
  private static final Logger LOG = LoggerFactory.getLogger(Performer.class);
  private final TaskRegistry registry;
  private final ProofStore proofs;
  private final Signer signer;
  private final Submitter submitter;

  public Performer(TaskRegistry registry, ProofStore proofs, Signer signer, Submitter submitter) {
    this.registry = registry;
    this.proofs = proofs;
    this.signer = signer;
    this.submitter = submitter;
  }

  public PerformedTask perform(int taskDefinitionId, OptionalLong targetChainId) {
    TaskRequest request = new TaskRequest(newTaskId(), taskDefinitionId, targetChainId);
    long started = System.nanoTime();
    String stage = "execute";
    try {
      TaskResult result = registry.find(taskDefinitionId).execute(request);
      stage = "proof";
      Proof proof = proofs.put(result.proofDocument());
      stage = "sign";
      SignedTask signed = signer.sign(new TaskMessage(proof.cid(), result.data(), signer.performerAddress(), taskDefinitionId));
      stage = "submit";
      Acknowledgement ack = submitter.submit(SendTask.of(signed, targetChainId));
      LOG.info("task {} def={} {} proof={} ({}) sig={}… accepted by node (rpc id {}) in {} ms",
          request.taskId(), taskDefinitionId, result.summary(), proof.cid(), proof.store(),
          signed.signature().substring(0, 12), ack.requestId(), millis(started));
      return new PerformedTask(request.taskId(), taskDefinitionId, proof.cid(),
          new String(result.data(), StandardCharsets.UTF_8), signed.signature(), result.summary(), ack);
    } catch (UpstreamFailure e) {
      LOG.warn("task {} def={} failed at {} after {} ms: {}", request.taskId(), taskDefinitionId, stage, millis(started), e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("task {} def={} failed at {} after {} ms: {}", request.taskId(), taskDefinitionId, stage, millis(started), e.toString());
      throw e;
    }
  }

  public String performerAddress() {
    return signer.performerAddress();
  }

  /**
   * A random version-4 UUID. Task ids need to be unique, not secret, so they come from ThreadLocalRandom rather than
   * UUID.randomUUID's SecureRandom, whose shared /dev/urandom reads were a measurable cost under load.
   */
  static String newTaskId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private static String millis(long startedNanos) {
    return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e6);
  }
}
