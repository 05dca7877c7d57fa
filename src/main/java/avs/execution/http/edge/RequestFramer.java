package avs.execution.http.edge;

import io.helidon.common.buffers.DataWriter;
import java.util.function.Supplier;

/**
 * Frames one connection's requests before the server sees them: each call returns exactly one whole, checked,
 * normalized request (see {@link ForwardedRequest}), or null when the connection is to end. A request it cannot
 * frame — bad syntax, a limit passed, too slow, cut off — is answered here with the JSON error envelope and its
 * 4xx status, logged once, and the connection is closed, so no byte of it is ever read as a second request.
 */
final class RequestFramer implements Supplier<byte[]>, ConnectionGuard.Expiry {
  /** After an answer that closes the connection, how long (and how much) the client's unread bytes are drained. */
  private static final long LINGER_NANOS = 500_000_000L;
  private static final int LINGER_BYTES = 1 << 20;
  private static final byte[] NO_BODY = new byte[0];
  private static final int REQUEST_LINE_LOGGED = 200;
  private final ClientLimits limits;
  private final Refusals refusals;
  private final EdgeConnection connection;
  private final ConnectionGuard guard;
  private final RawInput in;
  private boolean firstRequest = true;
  private boolean ended;
  private volatile String requestLine = "";

  /** What the framer needs of its connection: its bytes, a way to write and close, and names for the log. */
  interface EdgeConnection {
    ByteSource source();

    DataWriter writer();

    void close();

    boolean isOpen();

    String client();

    /** host:port this connection reached, the Host of an HTTP/1.0 request that has none. */
    String localAuthority();
  }

  RequestFramer(ClientLimits limits, Refusals refusals, EdgeConnection connection) {
    this.limits = limits;
    this.refusals = refusals;
    this.connection = connection;
    this.guard = new ConnectionGuard(this);
    this.in = new RawInput(connection.source(), guard);
  }

  ConnectionGuard guard() {
    return guard;
  }

  @Override
  public byte[] get() {
    if (ended) {
      return null;
    }
    try {
      byte[] request = next();
      if (request == null) {
        end();
      }
      return request;
    } catch (EdgeError e) {
      refuse(e.status(), e.getMessage());
      linger();
    } catch (RawInput.EndOfInput e) {
      refuse(400, "the connection was closed before the request was complete");
    } catch (ConnectionGuard.Expired e) {
      // the watchdog answered and closed it
    }
    end();
    return null;
  }

  private byte[] next() {
    requestLine = "";
    long now = System.nanoTime();
    if (firstRequest) {
      guard.enter(ConnectionGuard.Phase.HEAD, now + limits.headersTimeout().toNanos());
    } else {
      guard.enter(ConnectionGuard.Phase.IDLE, now + limits.keepAliveTimeout().toNanos());
    }
    if (!in.awaitByte()) {
      return null;
    }
    if (!firstRequest) {
      guard.enter(ConnectionGuard.Phase.HEAD, System.nanoTime() + limits.headersTimeout().toNanos());
    }
    firstRequest = false;
    RequestHead head = HeadParser.read(in, limits, line -> requestLine = line);
    BodyFraming framing = BodyFraming.of(head, limits);
    ForwardedRequest forwarded = new ForwardedRequest(head, framing, connection.localAuthority());
    guard.enter(ConnectionGuard.Phase.BODY, System.nanoTime() + limits.bodyTimeout().toNanos());
    if (framing.expectContinue()) {
      EdgeAnswer.write(connection.writer(), EdgeAnswer.CONTINUE);
    }
    byte[] body = switch (framing.kind()) {
      case NONE -> NO_BODY;
      case LENGTH -> in.readExact(framing.length());
      case CHUNKED -> ChunkedBody.read(in, limits);
    };
    guard.enter(ConnectionGuard.Phase.HANDLING, Long.MAX_VALUE);
    ended = forwarded.closesConnection();
    return forwarded.bytes(body);
  }

  /** Called by the watchdog: a read blocked past its deadline. */
  @Override
  public void expired(ConnectionGuard.Phase phase) {
    if (ConnectionGuard.timeout(phase) instanceof EdgeError timeout) {
      refuse(timeout.status(), timeout.getMessage());
    }
    connection.close();
  }

  @Override
  public boolean isOpen() {
    return connection.isOpen();
  }

  private void refuse(int status, String message) {
    EdgeAnswer.write(connection.writer(), EdgeAnswer.error(status, refusals.body(message)));
    refusals.refused(connection.client(), requestLine.isEmpty() ? in.unreadPrefix(REQUEST_LINE_LOGGED) : requestLine, status, message);
  }

  /**
   * Reads and drops what the client is still sending, briefly, before the connection closes: closing a socket with
   * unread bytes resets it, and the client would lose the answer it was just sent.
   */
  private void linger() {
    guard.enter(ConnectionGuard.Phase.IDLE, System.nanoTime() + LINGER_NANOS);
    try {
      in.discard(LINGER_BYTES);
    } catch (RuntimeException e) {
      // the client is gone, slow, or sending too much: close now
    }
  }

  private void end() {
    ended = true;
    SlowClientWatchdog.INSTANCE.forget(guard);
  }
}
