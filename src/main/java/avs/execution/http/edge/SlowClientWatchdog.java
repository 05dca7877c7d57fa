package avs.execution.http.edge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one thread that ends reads which passed their deadline, for every connection of every port in the process.
 * It looks every {@value #PERIOD_MS} ms, so a timeout fires at most that much late.
 */
final class SlowClientWatchdog {
  static final long PERIOD_MS = 200;
  static final SlowClientWatchdog INSTANCE = new SlowClientWatchdog();

  /** A connection as the watchdog sees it. */
  interface Watched {
    /** Ends the connection if a read is blocked past its deadline; true when it did. */
    boolean expireIfLate(long nowNanos);

    boolean isOpen();
  }

  private final Set<Watched> connections = ConcurrentHashMap.newKeySet();
  private volatile Thread thread;

  private SlowClientWatchdog() {}

  void watch(Watched connection) {
    connections.add(connection);
    if (thread == null) {
      start();
    }
  }

  void forget(Watched connection) {
    connections.remove(connection);
  }

  int watched() {
    return connections.size();
  }

  private synchronized void start() {
    if (thread == null) {
      thread = Thread.ofPlatform().daemon().name("http-slow-client-watchdog").start(this::run);
    }
  }

  private void run() {
    while (true) {
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      connections.removeIf(connection -> {
        try {
          return !connection.isOpen() || connection.expireIfLate(now);
        } catch (RuntimeException e) {
          return true; // a connection that cannot even be checked is left to end by itself; the watchdog goes on
        }
      });
    }
  }
}
