package avs.execution.submit;

/** Hands signed tasks to the Othentic network. */
public interface Submitter {
  /** Returns when the node acknowledged the task; an UpstreamFailure saying why otherwise. */
  Acknowledgement submit(SendTask task);
}
