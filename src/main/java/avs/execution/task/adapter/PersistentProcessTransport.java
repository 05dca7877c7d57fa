package avs.execution.task.adapter;

import avs.execution.error.UpstreamFailure;
import avs.execution.logging.Secret;
import avs.execution.upstream.CallDeadlines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mode: persistent}: one long-lived process speaking JSON lines — a request per line on its stdin, a response
 * per line on its stdout, one call at a time — for adapters that cannot pay a process start per call. It is started
 * on first use and again after it dies; a call that passes its deadline stops it (the next call starts a new one).
 */
final class PersistentProcessTransport implements AdapterTransport {
  private static final Logger LOG = LoggerFactory.getLogger(PersistentProcessTransport.class);
  private static final byte[] ENDED = new byte[0];
  private static final byte[] TOO_LONG = new byte[0];
  private static final byte[] TIMED_OUT = new byte[0];
  private static final byte[] UNREAD = new byte[0];
  private static final int STDERR_LINE_BYTES = 4096;
  private final AdapterCommand adapter;
  /**
   * One call at a time. A lock rather than {@code synchronized}: under load dozens of virtual threads wait here, and a
   * profile of the service showed the hand-over of the contended monitor as the adapter path's largest item.
   */
  private final ReentrantLock turn = new ReentrantLock();
  private Running running;

  /** One started process: its stdin and the lines its stdout gave so far. */
  private record Running(Process process, OutputStream stdin, BlockingQueue<byte[]> lines) {}

  PersistentProcessTransport(AdapterCommand adapter) {
    this.adapter = adapter;
  }

  @Override
  public byte[] call(byte[] request) {
    turn.lock();
    try {
      return exchange(request);
    } finally {
      turn.unlock();
    }
  }

  private byte[] exchange(byte[] request) {
    Running current = withoutStaleLines(running());
    byte[] line;
    try {
      line = answer(current, request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "interrupted while waiting for it", e);
    }
    if (line == UNREAD) {
      stop();
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "exited before it read the request (it is started again on the next call)",
          null);
    }
    if (line == TIMED_OUT) {
      stop();
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.TIMEOUT, "did not answer within " + adapter.timeout().toMillis() + " ms; it was stopped "
          + "and is started again on the next call", null);
    }
    if (line == TOO_LONG) {
      stop();
      throw AdapterProtocol.bad(adapter.upstream(), "wrote a line longer than " + adapter.maxOutputBytes() + " bytes; it was stopped (maxOutputBytes)");
    }
    if (line == ENDED) {
      String status = exitStatus(current.process());
      stop();
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "exited" + status + " instead of answering; it is started again "
          + "on the next call", null);
    }
    return line;
  }

  /**
   * Writes the request and takes the next line, both within the deadline: past it, the wait ends with
   * {@link #TIMED_OUT}, and a process that does not even take its input is killed (nothing else ends that write).
   */
  private byte[] answer(Running current, byte[] request) throws InterruptedException {
    AtomicBoolean writing = new AtomicBoolean(true);
    CallDeadlines.Deadline deadline = CallDeadlines.start(adapter.timeout(), () -> {
      current.lines().add(TIMED_OUT);
      if (writing.get()) {
        current.process().destroyForcibly();
      }
    });
    byte[] line;
    try {
      line = writeAndTake(current, request, writing);
    } catch (InterruptedException e) {
      deadline.end();
      throw e;
    }
    return deadline.end() ? TIMED_OUT : line;
  }

  private static byte[] writeAndTake(Running current, byte[] request, AtomicBoolean writing) throws InterruptedException {
    try {
      current.stdin().write(request);
      current.stdin().write('\n');
      current.stdin().flush();
    } catch (IOException e) {
      return UNREAD;
    }
    writing.set(false);
    return current.lines().take();
  }

  /**
   * Lines the process wrote when no call was waiting (two answers to one request, say) would be taken for the next
   * call's answer: they are dropped and logged; if the process ended meanwhile, it is started again.
   */
  private Running withoutStaleLines(Running current) {
    List<byte[]> stale = new ArrayList<>();
    current.lines().drainTo(stale);
    if (stale.isEmpty()) {
      return current;
    }
    long answers = stale.stream().filter(line -> line != ENDED && line != TOO_LONG).count();
    if (answers > 0) {
      LOG.warn("{} wrote {} line(s) that answered no request; dropped", adapter.upstream(), answers);
    }
    if (stale.contains(ENDED) || stale.contains(TOO_LONG)) {
      stop();
      return running();
    }
    return current;
  }

  private Running running() {
    if (running != null && running.process().isAlive()) {
      return running;
    }
    stop();
    Process process;
    try {
      process = adapter.builder().start();
    } catch (IOException e) {
      throw new UpstreamFailure(adapter.upstream(), UpstreamFailure.Kind.UNAVAILABLE, "could not be started (" + e.getMessage() + ")", e);
    }
    BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
    // Measured (bench/adapter-cost.sh), virtual readers and calls that write themselves are the cheapest: readers on
    // platform threads cost ~8 µs more per call, a writer thread ~25 µs more (each a wake-up across schedulers).
    ChildProcesses.READERS.submit(() -> readLines(process.getInputStream(), lines));
    ChildProcesses.READERS.submit(() -> logErrors(process.getErrorStream()));
    running = new Running(process, process.getOutputStream(), lines);
    LOG.info("{} started (pid {})", adapter.upstream(), process.pid());
    return running;
  }

  /** Splits stdout into lines, each bounded; the end of the stream (or a line too long) is the last entry. */
  private void readLines(InputStream stdout, BlockingQueue<byte[]> lines) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (stdout) {
      for (int n; (n = stdout.read(buffer)) > 0; ) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            if (line.size() + i - from > adapter.maxOutputBytes()) {
              lines.add(TOO_LONG);
              return;
            }
            line.write(buffer, from, i - from);
            lines.add(line.toByteArray());
            line.reset();
            from = i + 1;
          }
        }
        if (line.size() + n - from > adapter.maxOutputBytes()) {
          lines.add(TOO_LONG);
          return;
        }
        line.write(buffer, from, n - from);
      }
    } catch (IOException e) {
      // the process is gone
    }
    lines.add(ENDED);
  }

  /** Each stderr line to the log as it comes, cut at {@value #STDERR_LINE_BYTES} bytes. */
  private void logErrors(InputStream stderr) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try (stderr) {
      for (int n; (n = stderr.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            ChildProcesses.logStderr(LOG, adapter.upstream(), line.toByteArray(), 0);
            line.reset();
          } else if (line.size() < STDERR_LINE_BYTES) {
            line.write(buffer[i]);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    if (line.size() > 0) {
      ChildProcesses.logStderr(LOG, adapter.upstream(), line.toByteArray(), 0);
    }
  }

  private static String exitStatus(Process process) {
    try {
      return process.waitFor(1, TimeUnit.SECONDS) ? " with status " + process.exitValue() : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private void stop() {
    if (running != null) {
      try {
        running.stdin().close();
      } catch (IOException e) {
        // closing is all we wanted
      }
      ChildProcesses.stop(running.process());
      running = null;
    }
  }

  @Override
  public String describe() {
    return "persistent process " + adapter.commandLine();
  }

  @Override
  public void close() {
    turn.lock();
    try {
      stop();
    } finally {
      turn.unlock();
    }
  }
}
