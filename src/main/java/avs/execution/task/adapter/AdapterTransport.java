package avs.execution.task.adapter;

/**
 * How one adapter is reached: a process started per call, one long-lived process speaking JSON lines, or an HTTP
 * endpoint. Each takes the request's bytes and gives back the response's, within the deadline; every failure to
 * get an answer is an UpstreamFailure that says why (timed out, could not start, exited, too much output, …).
 */
interface AdapterTransport extends AutoCloseable {
  byte[] call(byte[] request);

  /** "process python3 factor.py", "http http://127.0.0.1:9100/": for logs and the start-up line. */
  String describe();

  @Override
  void close();
}
