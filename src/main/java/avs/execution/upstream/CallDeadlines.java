package avs.execution.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The deadlines of calls in flight (adapter calls, plain HTTP exchanges with upstreams), kept by one thread that
 * looks every {@value #SWEEP_MS} ms, so a deadline acts at most that much late. Why not a timer per call: a timed wait (or {@code CompletableFuture.orTimeout}) cost
 * about 10 µs of CPU per call under load (bench/adapter-cost.sh), a sixth of an HTTP adapter call; a deadline here
 * costs a set insert and removal.
 */
public final class CallDeadlines {
  static final long SWEEP_MS = 50;
  private static final Set<Deadline> PENDING = ConcurrentHashMap.newKeySet();
  private static volatile Thread sweeper;

  private CallDeadlines() {}

  /** One call's deadline: its action runs once if the deadline passes before {@link #end()}. */
  public static final class Deadline {
    private final long atNanos;
    private final Runnable onExpiry;
    private final AtomicBoolean settled = new AtomicBoolean();

    private Deadline(long atNanos, Runnable onExpiry) {
      this.atNanos = atNanos;
      this.onExpiry = onExpiry;
    }

    /** Ends the watch; true when the deadline had already passed (and its action ran or is running). */
    public boolean end() {
      PENDING.remove(this);
      return !settled.compareAndSet(false, true);
    }

    private boolean expireIfDue(long now) {
      if (now - atNanos < 0) {
        return false;
      }
      if (settled.compareAndSet(false, true)) {
        onExpiry.run();
      }
      return true;
    }
  }

  /** Watches a call that must end within {@code timeout}; past it, {@code onExpiry} runs (on the sweeping thread). */
  public static Deadline start(Duration timeout, Runnable onExpiry) {
    Deadline deadline = new Deadline(System.nanoTime() + timeout.toNanos(), onExpiry);
    PENDING.add(deadline);
    if (sweeper == null) {
      startSweeper();
    }
    return deadline;
  }

  private static synchronized void startSweeper() {
    if (sweeper == null) {
      sweeper = Thread.ofPlatform().daemon().name("call-deadlines").start(CallDeadlines::sweep);
    }
  }

  private static void sweep() {
    while (true) {
      try {
        Thread.sleep(SWEEP_MS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      PENDING.removeIf(deadline -> {
        try {
          return deadline.expireIfDue(now);
        } catch (RuntimeException e) {
          return true; // an action that failed has still had its one chance; the sweep goes on
        }
      });
    }
  }
}
