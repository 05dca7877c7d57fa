package avs.execution.task;

import java.util.List;

/** A task entry that cannot make a task: every problem, each naming its place ("tasks[1].adapter.command: …"). */
public final class InvalidTaskSpec extends RuntimeException {
  private final List<String> problems;

  public InvalidTaskSpec(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
