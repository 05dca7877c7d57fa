package avs.execution.task.adapter;

import avs.execution.error.UpstreamFailure;
import avs.execution.logging.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter that is a program started once per call: the request on its stdin, the response on its stdout, stderr to
 * our log (bounded). It runs in the tasks file's directory with a cleared environment plus its own {@code env}. At
 * the deadline it gets SIGTERM, then SIGKILL; output beyond the limit stops it at once; whatever it started is
 * stopped with it. No process or file descriptor outlives the call.
 */
final class ProcessTransport implements AdapterTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTransport.class);
  private static final int STDERR_KEPT = 8192;
  private static final Duration DESCENDANT_CHECK = Duration.ofMillis(100);
  private final AdapterCommand adapter;

  ProcessTransport(AdapterCommand adapter) {
    this.adapter = adapter;
  }

  @Override
  public byte[] call(byte[] request) {
    Process process;
    try {
      process = adapter.builder().start();
    } catch (IOException e) {
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "could not be started (" + e.getMessage() + ")", e);
    }
    Set<ProcessHandle> started = new HashSet<>();
    try (OutputStream stdin = process.getOutputStream(); InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
      ChildProcesses.READERS.submit(() -> write(stdin, request));
      Future<byte[]> output = ChildProcesses.READERS.submit(() -> {
        byte[] bytes = readQuietly(stdout, adapter.maxOutputBytes());
        if (bytes.length > adapter.maxOutputBytes()) {
          process.destroyForcibly(); // do not wait for the deadline to stop a flood
        }
        return bytes;
      });
      Future<byte[]> errors = ChildProcesses.READERS.submit(() -> {
        byte[] kept = readQuietly(stderr, STDERR_KEPT - 1);
        long more = skipQuietly(stderr);
        ChildProcesses.logStderr(LOG, adapter.upstream(), kept, more);
        return kept;
      });
      if (!awaitExit(process, started)) {
        started.add(process.toHandle());
        ChildProcesses.stop(process);
        throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.TIMEOUT, "did not answer within " + adapter.timeout().toMillis() + " ms; it was stopped", null);
      }
      started.addAll(ChildProcesses.sessionOf(process));
      ChildProcesses.stopAll(started); // what it started and left running would hold its output open, and outlive the call
      byte[] answer = result(output);
      if (answer.length > adapter.maxOutputBytes()) {
        throw AdapterProtocol.bad(adapter.upstream(), "wrote more than " + adapter.maxOutputBytes() + " bytes; it was stopped (maxOutputBytes)");
      }
      int status = process.exitValue();
      if (status != 0) {
        return failedExit(status, answer, result(errors));
      }
      return answer;
    } catch (IOException e) {
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "could not be talked to (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "interrupted while waiting for it", e);
    } finally {
      if (process.isAlive()) {
        ChildProcesses.stop(process);
      }
      ChildProcesses.stopAll(started);
    }
  }

  /**
   * Waits for the process to exit within the deadline, noting every process it starts on the way (checked every
   * 100 ms): once it has exited, its orphans can no longer be found from it.
   */
  private boolean awaitExit(Process process, Set<ProcessHandle> started) throws InterruptedException {
    long deadline = System.nanoTime() + adapter.timeout().toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        process.descendants().forEach(started::add);
        return false;
      }
      if (process.waitFor(Math.min(left, DESCENDANT_CHECK.toNanos()), TimeUnit.NANOSECONDS)) {
        return true;
      }
      process.descendants().forEach(started::add);
    }
  }

  private static Void write(OutputStream stdin, byte[] request) {
    try (stdin) {
      stdin.write(request);
      stdin.write('\n');
    } catch (IOException e) {
      // it did not read its request (or exited first): its answer, or its exit, says what happened
    }
    return null;
  }

  private static byte[] readQuietly(InputStream in, int max) {
    try {
      return ChildProcesses.readBounded(in, max);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static long skipQuietly(InputStream in) {
    try {
      return in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      return 0;
    }
  }

  /** A non-zero exit: its own error answer if it wrote one, else the status and the start of its stderr. */
  private byte[] failedExit(int status, byte[] answer, byte[] stderr) {
    if (answer.length > 0) {
      try {
        AdapterProtocol.parse(answer, adapter.upstream()); // an {"error":…} answer throws its own failure here
      } catch (UpstreamFailure e) {
        if (e.kind() != UpstreamFailure.Kind.BAD_ANSWER) {
          throw e;
        }
      }
    }
    throw AdapterProtocol.bad(adapter.upstream(), "exited with status " + status + (stderr.length == 0 ? "" : "; stderr: " + AdapterProtocol.excerpt(stderr)));
  }

  /** A reader's result once the process has ended; one that does not finish soon after is given up on. */
  private <T> T result(Future<T> future) throws InterruptedException {
    try {
      return future.get(ChildProcesses.KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "its output could not be read (" + e.getCause() + ")", e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.TIMEOUT, "exited but its output stayed open (something it started holds it)", e);
    }
  }

  @Override
  public String describe() {
    return "process " + adapter.commandLine();
  }

  @Override
  public void close() {
    // nothing outlives a call
  }
}
