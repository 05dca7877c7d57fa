package avs.execution.trigger;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** A trigger that runs one loop on its own virtual thread until closed; its waits end early when it is closed. */
public abstract class LoopingTrigger implements Trigger {
  private final Thread thread;
  private volatile boolean closed;

  protected LoopingTrigger(String name) {
    this.thread = Thread.ofVirtual().name("trigger-" + name).unstarted(this::run);
  }

  /** The loop: return when {@link #closed()} says so. */
  protected abstract void run();

  public final void start() {
    thread.start();
  }

  protected final boolean closed() {
    return closed;
  }

  /** Waits for {@code duration}, or less when the trigger is closed meanwhile. */
  protected final void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (!closed) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, 1_000_000_000L));
    }
  }

  @Override
  public final void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
