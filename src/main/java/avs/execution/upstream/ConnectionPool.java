package avs.execution.upstream;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections by upstream (host and port), the most recently used taken first. A connection idle
 * longer than {@link #MAX_IDLE_NANOS} is closed instead of reused: servers close idle connections on their own
 * schedule (Node's default is 5 s), and one closed just as a request is written fails that request. What is left of
 * that race (a server with a shorter limit) is handled by the client, which repeats a request once on a new
 * connection when a reused one fails before any byte of its answer.
 */
final class ConnectionPool {
  static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** Idle connections kept per upstream; more are closed when returned (one per concurrent caller is enough). */
  static final int MAX_IDLE_PER_UPSTREAM = 256;
  private final Map<String, Idle> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One upstream's idle connections, and about how many they are (a deque's own size() walks it). */
  private record Idle(Deque<Http1Connection> connections, AtomicInteger count) {
    Idle() {
      this(new ConcurrentLinkedDeque<>(), new AtomicInteger());
    }

    Http1Connection poll() {
      Http1Connection connection = connections.pollFirst();
      if (connection != null) {
        count.decrementAndGet();
      }
      return connection;
    }
  }

  /** An idle connection to this upstream that has not been idle too long, or null. */
  Http1Connection take(String upstream) {
    Idle connections = idle.get(upstream);
    if (connections == null) {
      return null;
    }
    long now = System.nanoTime();
    for (Http1Connection connection; (connection = connections.poll()) != null; ) {
      if (now - connection.idleSince() < MAX_IDLE_NANOS) {
        return connection;
      }
      connection.close();
    }
    return null;
  }

  /** Keeps a connection whose exchange ended cleanly for the next one, or closes it if it cannot carry another. */
  void release(String upstream, Http1Connection connection) {
    if (closed || !connection.reusable()) {
      connection.close();
      return;
    }
    Idle connections = idle.computeIfAbsent(upstream, u -> new Idle());
    if (connections.count().incrementAndGet() > MAX_IDLE_PER_UPSTREAM) {
      connections.count().decrementAndGet();
      connection.close();
      return;
    }
    connection.markIdle();
    connections.connections().offerFirst(connection);
    if (closed) {
      closeAll(); // closed while this one was being returned
    }
  }

  /** Closes every idle connection; connections in use are closed when they are returned. */
  void close() {
    closed = true;
    closeAll();
  }

  private void closeAll() {
    for (Idle connections : idle.values()) {
      for (Http1Connection connection; (connection = connections.poll()) != null; ) {
        connection.close();
      }
    }
  }
}
