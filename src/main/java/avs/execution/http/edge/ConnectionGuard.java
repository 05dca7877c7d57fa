package avs.execution.http.edge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's clock. Each part of a request (the headers, the body) and the wait between requests has a
 * deadline; it is enforced after every read, so a client that drips bytes still runs out of time, and by the
 * {@link SlowClientWatchdog} while a read blocks, so a client that sends nothing does too. Exactly one side ends a
 * late read: the reading thread (it sees {@link Expired}) or the watchdog (it calls {@link Expiry#expired}).
 */
final class ConnectionGuard implements SlowClientWatchdog.Watched {
  /** What the connection is waiting for, which decides what a timeout means. */
  enum Phase {
    /** Between requests on a kept-alive connection: a timeout closes it quietly. */
    IDLE,
    /** The request line and headers: a timeout is a 408. */
    HEAD,
    /** The body: a timeout is a 408. */
    BODY,
    /** A handler has the request: no client deadline. */
    HANDLING
  }

  /** What ends a connection the watchdog found late: answer (408, unless it was idle) and close the socket. */
  interface Expiry {
    void expired(Phase phase);

    boolean isOpen();
  }

  /** Thrown to the reading thread when the watchdog already ended this connection. */
  static final class Expired extends RuntimeException {
    Expired() {
      super("the watchdog closed this connection", null, false, false);
    }
  }

  private static final int NOT_READING = 0;
  private static final int READING = 1;
  private static final int EXPIRED = 2;
  private final AtomicInteger reading = new AtomicInteger(NOT_READING);
  private final Expiry expiry;
  private volatile Phase phase = Phase.HANDLING;
  private volatile long deadline = Long.MAX_VALUE;

  ConnectionGuard(Expiry expiry) {
    this.expiry = expiry;
  }

  void enter(Phase phase, long deadlineNanos) {
    this.phase = phase;
    this.deadline = deadlineNanos;
  }

  Phase phase() {
    return phase;
  }

  void beforeRead() {
    if (!reading.compareAndSet(NOT_READING, READING)) {
      throw new Expired();
    }
  }

  /** After a read returned (or failed): the watchdog may have ended it meanwhile; a part past its deadline ends here. */
  void afterRead(long now) {
    if (!reading.compareAndSet(READING, NOT_READING)) {
      throw new Expired();
    }
    if (now - deadline > 0 && phase != Phase.HANDLING) {
      throw timeout(phase);
    }
  }

  @Override
  public boolean expireIfLate(long now) {
    if (reading.get() == READING && now - deadline > 0 && reading.compareAndSet(READING, EXPIRED)) {
      expiry.expired(phase);
      return true;
    }
    return false;
  }

  @Override
  public boolean isOpen() {
    return reading.get() != EXPIRED && expiry.isOpen();
  }

  /** The 408 for a part that took too long, or a quiet end for an idle connection. */
  static RuntimeException timeout(Phase phase) {
    return switch (phase) {
      case HEAD -> new EdgeError(408, "the request line and headers did not arrive in time (HEADERS_TIMEOUT_MS); connection closed");
      case BODY -> new EdgeError(408, "the request body did not arrive in time (BODY_TIMEOUT_MS); connection closed");
      case IDLE, HANDLING -> new Expired();
    };
  }
}
