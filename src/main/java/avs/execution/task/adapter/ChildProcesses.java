package avs.execution.task.adapter;

import avs.execution.logging.LogText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * What both process transports share: stopping a process and every process it started (SIGTERM, then SIGKILL after
 * a grace period, so nothing is left behind), reading a stream with a bound, and passing stderr to the log.
 */
final class ChildProcesses {
  static final Duration KILL_GRACE = Duration.ofSeconds(2);
  /** Readers of child streams; virtual, so a blocked read costs nothing. */
  static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();
  private static final int STDERR_LINES_LOGGED = 20;

  private ChildProcesses() {}

  /** setsid(1), where there is one (Linux: util-linux), to give each adapter process a session of its own. */
  private static final Optional<String> SETSID = Files.isDirectory(Path.of("/proc"))
      ? Stream.of("/usr/bin/setsid", "/bin/setsid").filter(path -> Files.isExecutable(Path.of(path))).findFirst()
      : Optional.empty();

  /**
   * The command, run in a session of its own where setsid(1) exists, so that every process it starts — even one
   * orphaned when it exits — can be found by its session id (the adapter's pid) and stopped with it.
   */
  static List<String> inOwnSession(List<String> command) {
    if (SETSID.isEmpty()) {
      return command;
    }
    List<String> wrapped = new java.util.ArrayList<>(List.of(SETSID.get(), "--wait"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Every process in the session the adapter leads (empty where sessions cannot be read). */
  static List<ProcessHandle> sessionOf(Process process) {
    if (SETSID.isEmpty()) {
      return List.of();
    }
    long session = process.pid();
    List<ProcessHandle> members = new java.util.ArrayList<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : processes) {
        if (sessionOf(entry) == session && !entry.getFileName().toString().equals(Long.toString(session))) {
          ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(members::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a process list that cannot be read: what descendants() finds is all there is
    }
    return members;
  }

  /** Field 6 of /proc/PID/stat, the session id; -1 when it cannot be read (the process is gone). */
  private static long sessionOf(Path processDirectory) {
    try {
      String stat = Files.readString(processDirectory.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[3]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * SIGTERM to the process, its descendants and every process of its session, then SIGKILL to whatever is still
   * alive after the grace period.
   */
  static void stop(Process process) {
    List<ProcessHandle> family = Stream.of(process.descendants(), sessionOf(process).stream(), Stream.of(process.toHandle()))
        .flatMap(s -> s).distinct().toList();
    family.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (ProcessHandle member : family) {
      try {
        member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        break;
      } catch (Exception e) {
        // gone, or we were interrupted: the forcible stop below covers both
      }
    }
    family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Processes the adapter started and left running: stopped too, at once (an adapter call ends whole). */
  static void stopAll(Collection<ProcessHandle> processes) {
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Up to {@code max + 1} bytes of a stream (one more than allowed shows it was too much); the rest is not read. */
  static byte[] readBounded(InputStream in, int max) throws IOException {
    return in.readNBytes(max + 1);
  }

  /** The first lines of a process's stderr, each escaped and bounded, as log lines naming the adapter. */
  static void logStderr(Logger log, String adapter, byte[] stderr, long more) {
    if (stderr.length == 0) {
      return;
    }
    List<String> lines = new String(stderr, StandardCharsets.UTF_8).lines().toList();
    lines.stream().limit(STDERR_LINES_LOGGED).forEach(line -> log.info("{} stderr: {}", adapter, LogText.of(line)));
    if (lines.size() > STDERR_LINES_LOGGED || more > 0) {
      log.info("{} stderr: … ({} more lines, {} more bytes not logged)", adapter, Math.max(0, lines.size() - STDERR_LINES_LOGGED), more);
    }
  }
}
