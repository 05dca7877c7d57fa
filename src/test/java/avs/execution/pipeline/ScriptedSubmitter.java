package avs.execution.pipeline;

import avs.execution.error.UpstreamFailure;
import avs.execution.submit.Acknowledgement;
import avs.execution.submit.Submitter;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.BooleanNode;

/** A node that answers sendTask calls as the test scripts it (failures in order, then acknowledgements), and records them. */
final class ScriptedSubmitter implements Submitter {
  private final Queue<UpstreamFailure> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong ids = new AtomicLong();
  final List<String> sent = new CopyOnWriteArrayList<>();

  ScriptedSubmitter thenFail(UpstreamFailure failure) {
    failures.add(failure);
    return this;
  }

  @Override
  public Acknowledgement submit(String paramsJson) {
    sent.add(paramsJson);
    UpstreamFailure failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    return new Acknowledgement(ids.incrementAndGet(), BooleanNode.TRUE);
  }
}
