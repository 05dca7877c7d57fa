package avs.execution.task;

import avs.execution.proof.CidVersion;
import avs.execution.proof.UnixFsDag;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * One execute and one validate of a task definition, as the service would run them, but with nothing signed,
 * stored or sent: what {@code avs tasks check} shows for each task. The validate judges the execute's own result.
 */
public final class DryRun {
  private DryRun() {}

  /** What the two calls gave: the result (or why there is none), the verdict (or why there is none), and times. */
  public record Outcome(Optional<TaskResult> result, Optional<String> executeError, Duration executeTime, Optional<String> proofOfTask,
      Optional<Verdict> verdict, Optional<String> validateError, Duration validateTime) {
    public boolean answered() {
      return result.isPresent() && verdict.isPresent();
    }
  }

  public static Outcome run(TaskDefinition task, int taskDefinitionId, JsonNode input, String performer) {
    long start = System.nanoTime();
    TaskResult result;
    try {
      task.checkInput(input);
      result = task.execute(new TaskRequest("dry-run-" + taskDefinitionId, taskDefinitionId, OptionalLong.empty(), input));
    } catch (RuntimeException e) {
      return new Outcome(Optional.empty(), Optional.of(e.getMessage()), since(start), Optional.empty(), Optional.empty(), Optional.empty(),
          Duration.ZERO);
    }
    Duration executeTime = since(start);
    String cid = UnixFsDag.cidOf(result.proofDocument(), CidVersion.V0);
    long validating = System.nanoTime();
    try {
      Verdict verdict = task.validate(new ValidationRequest(cid, result.proofDocument(), result.data(), taskDefinitionId, performer));
      return new Outcome(Optional.of(result), Optional.empty(), executeTime, Optional.of(cid), Optional.of(verdict), Optional.empty(), since(validating));
    } catch (RuntimeException e) {
      return new Outcome(Optional.of(result), Optional.empty(), executeTime, Optional.of(cid), Optional.empty(), Optional.of(e.getMessage()),
          since(validating));
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
