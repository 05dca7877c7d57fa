package avs.execution.submit;

/** Hands signed tasks to the Othentic network. */
public interface Submitter {
  /**
   * Sends one sendTask call with these params (a JSON array, sent byte for byte as given, so a retry repeats the
   * first attempt exactly). Returns when the node acknowledged the task; an UpstreamFailure saying why otherwise.
   */
  Acknowledgement submit(String paramsJson);
}
