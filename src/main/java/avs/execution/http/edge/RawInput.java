package avs.execution.http.edge;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A connection's bytes exactly as the client sent them, buffered, read under the {@link ConnectionGuard}'s
 * deadlines. The framer parses requests out of it; nothing here interprets HTTP beyond "a line ends with LF".
 */
final class RawInput {
  /** The client closed its side in the middle of a request. */
  static final class EndOfInput extends RuntimeException {
    EndOfInput() {
      super("the client closed the connection", null, false, false);
    }
  }

  private final ByteSource source;
  private final ConnectionGuard guard;
  private byte[] buffer = new byte[4096];
  private int position;
  private int end;

  RawInput(ByteSource source, ConnectionGuard guard) {
    this.source = source;
    this.guard = guard;
  }

  /** Waits for at least one byte; false when the client closed the connection instead. */
  boolean awaitByte() {
    while (position == end) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The next line without its line end: CRLF, or a bare LF (RFC 9112 §2.2 allows recipients to accept it). A CR
   * elsewhere stays in the line, where the caller refuses it as a control character.
   */
  byte[] readLine(int maxBytes, Supplier<EdgeError> tooLong) {
    int scanned = 0;
    while (true) {
      for (; position + scanned < end; scanned++) {
        if (buffer[position + scanned] == '\n') {
          int length = scanned > 0 && buffer[position + scanned - 1] == '\r' ? scanned - 1 : scanned;
          byte[] line = Arrays.copyOfRange(buffer, position, position + length);
          position += scanned + 1;
          return line;
        }
        if (scanned > maxBytes) {
          throw tooLong.get();
        }
      }
      if (!fill()) {
        throw new EndOfInput();
      }
    }
  }

  /** Up to n of the bytes not yet read, as text: what a line that was too long to read began with, for the log. */
  String unreadPrefix(int n) {
    int from = position;
    int length = Math.max(0, Math.min(n, end - from)); // may be read by the watchdog thread while a read is under way
    return new String(buffer, from, Math.min(length, buffer.length - from), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Exactly n bytes, waiting for them. */
  byte[] readExact(int n) {
    while (end - position < n) {
      if (!fill()) {
        throw new EndOfInput();
      }
    }
    byte[] bytes = Arrays.copyOfRange(buffer, position, position + n);
    position += n;
    return bytes;
  }

  /** The line end that must follow chunk data; anything else means the chunk was longer than its size said. */
  void expectLineEnd(Supplier<EdgeError> otherwise) {
    byte[] rest = readLine(1, otherwise);
    if (rest.length != 0) {
      throw otherwise.get();
    }
  }

  /** Drops bytes until the client closes or up to maxBytes have come. */
  void discard(int maxBytes) {
    int dropped = 0;
    position = end;
    while (dropped < maxBytes && fill()) {
      dropped += end - position;
      position = end;
    }
  }

  private boolean fill() {
    guard.beforeRead();
    byte[] chunk;
    try {
      chunk = source.next();
    } finally {
      guard.afterRead(System.nanoTime());
    }
    if (chunk == null) {
      return false;
    }
    if (position == end) {
      position = 0;
      end = 0;
    } else if (end + chunk.length > buffer.length && position > 0) {
      System.arraycopy(buffer, position, buffer, 0, end - position);
      end -= position;
      position = 0;
    }
    if (end + chunk.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + chunk.length));
    }
    System.arraycopy(chunk, 0, buffer, end, chunk.length);
    end += chunk.length;
    return true;
  }
}
