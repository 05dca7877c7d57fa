package avs.execution.validation;

import avs.execution.logging.LogText;
import avs.execution.proof.Cid;
import avs.execution.proof.ProofReader;
import avs.execution.task.DataPlacement;
import avs.execution.task.TaskRegistry;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attester's question, answered: fetch the proof document by its CID, check that the bytes hash to that CID,
 * and let the task definition that produced it judge it. A proof that cannot be found or is not a CID is refused;
 * a source that cannot be reached or serves altered bytes is an error (no vote), never a refusal.
 */
public final class Validator {
  private static final Logger LOG = LoggerFactory.getLogger(Validator.class);
  private final TaskRegistry registry;
  private final ProofReader proofs;
  private final ValidationMetrics metrics;

  public Validator(TaskRegistry registry, ProofReader proofs, ValidationMetrics metrics) {
    this.registry = registry;
    this.proofs = proofs;
    this.metrics = metrics;
  }

  /** What an attester asked: the proof as sent in sendTask, its data bytes, the task definition and the performer. */
  public record Question(String proofOfTask, byte[] data, int taskDefinitionId, Optional<String> performer) {}

  public Verdict validate(Question question) {
    long start = System.nanoTime();
    TaskRegistry.Registered task = registry.entry(question.taskDefinitionId());
    Verdict verdict;
    try {
      verdict = judge(task, question);
    } catch (RuntimeException e) {
      metrics.answered(task.spec().name(), "no_vote", start);
      throw e;
    }
    metrics.answered(task.spec().name(), verdict.approved() ? "approved" : "refused", start);
    // the proof, the performer and reasons quoting them come from the caller: escaped and bounded, one line each
    String proof = LogText.of(question.proofOfTask());
    String performer = LogText.of(question.performer().orElse("(no performer given)"));
    if (verdict.approved()) {
      LOG.info("approved proof {} by {} (task definition {}): {}", proof, performer, question.taskDefinitionId(), LogText.of(verdict.reason()));
    } else {
      LOG.warn("REFUSED proof {} by {} (task definition {}): {}", proof, performer, question.taskDefinitionId(), LogText.of(verdict.reason()));
    }
    return verdict;
  }

  private Verdict judge(TaskRegistry.Registered task, Question question) {
    Cid cid;
    try {
      cid = Cid.parse(question.proofOfTask());
    } catch (IllegalArgumentException e) {
      return Verdict.refuse("proofOfTask \"" + shorten(question.proofOfTask()) + "\" is not an IPFS CID (" + e.getMessage() + ")");
    }
    Optional<byte[]> document = proofs.get(cid);
    if (document.isEmpty()) {
      return Verdict.refuse("no proof document with CID " + cid + " at the " + proofs.name());
    }
    byte[] data = question.data();
    Optional<String> reference = dataReference(task, data);
    if (reference.isPresent()) {
      Cid dataCid;
      try {
        dataCid = Cid.parse(reference.get());
      } catch (IllegalArgumentException e) {
        return Verdict.refuse("data refers to \"" + shorten(reference.get()) + "\", which is not an IPFS CID (" + e.getMessage() + ")");
      }
      Optional<byte[]> resolved = proofs.get(dataCid);
      if (resolved.isEmpty()) {
        return Verdict.refuse("data refers to " + dataCid + ", which is not at the " + proofs.name());
      }
      data = resolved.get(); // checked against its CID by the reader, like the proof
    }
    return task.definition().validate(new ValidationRequest(cid.text(), document.get(), data, question.taskDefinitionId(),
        question.performer().orElse("")));
  }

  /** The CID in {@code data} when the task puts its data in the proof store ({@code ipfs://<CID>}), else empty. */
  private static Optional<String> dataReference(TaskRegistry.Registered task, byte[] data) {
    if (task.spec().data().mode() == DataPlacement.Mode.INLINE) {
      return Optional.empty();
    }
    String text = new String(data, StandardCharsets.UTF_8);
    return text.startsWith(DataPlacement.REFERENCE_PREFIX) ? Optional.of(text.substring(DataPlacement.REFERENCE_PREFIX.length())) : Optional.empty();
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  public String proofSource() {
    return proofs.name();
  }
}
