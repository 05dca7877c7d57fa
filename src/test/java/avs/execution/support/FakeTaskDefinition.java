package avs.execution.support;

import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import avs.execution.task.TaskResult;
import avs.execution.task.ValidationRequest;
import avs.execution.task.Verdict;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A task definition for tests of what surrounds tasks (registry, custom messages): it only listens, and has a name. */
public final class FakeTaskDefinition implements TaskDefinition {
  private final String name;
  /** The length of every custom message heard, in order. */
  public final List<Integer> heard = new CopyOnWriteArrayList<>();
  public volatile boolean closed;

  public FakeTaskDefinition(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TaskResult execute(TaskRequest request) {
    throw new UnsupportedOperationException("this fake only listens");
  }

  @Override
  public Verdict validate(ValidationRequest request) {
    throw new UnsupportedOperationException("this fake only listens");
  }

  @Override
  public void onCustomMessage(byte[] data) {
    heard.add(data.length);
  }

  @Override
  public void close() {
    closed = true;
  }
}
