package avs.execution.http.edge;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A connection for the framer without a socket: the client's bytes come from a queue (an empty array means "the
 * client closed"), what the edge writes is kept, and closing it ends a read that is blocked, as closing a socket does.
 */
final class FakeConnection implements RequestFramer.EdgeConnection, Refusals {
  private static final byte[] CLOSED = new byte[0];
  private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  final List<String> refusals = new ArrayList<>();
  private volatile boolean closed;

  void client(String text) {
    incoming.add(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The text split into pieces of {@code size} bytes, each its own read, as a slow network delivers it. */
  void clientInPieces(String text, int size) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    for (int at = 0; at < bytes.length; at += size) {
      incoming.add(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
    }
  }

  void clientCloses() {
    incoming.add(CLOSED);
  }

  synchronized String written() {
    return written.toString(StandardCharsets.ISO_8859_1);
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public ByteSource source() {
    return () -> {
      try {
        while (!closed) {
          byte[] next = incoming.poll(20, TimeUnit.MILLISECONDS);
          if (next != null) {
            return next == CLOSED ? null : next;
          }
        }
        throw new IllegalStateException("socket closed");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }

  @Override
  public DataWriter writer() {
    return new DataWriter() {
      @Override
      public void write(BufferData... buffers) {
        for (BufferData buffer : buffers) {
          write(buffer);
        }
      }

      @Override
      public void write(BufferData buffer) {
        synchronized (FakeConnection.this) {
          buffer.writeTo(written);
        }
      }

      @Override
      public void writeNow(BufferData... buffers) {
        write(buffers);
      }

      @Override
      public void writeNow(BufferData buffer) {
        write(buffer);
      }
    };
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public String client() {
    return "203.0.113.9:5555";
  }

  @Override
  public String localAuthority() {
    return "127.0.0.1:4003";
  }

  @Override
  public byte[] body(String message) {
    return ("{\"message\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void refused(String client, String request, int status, String message) {
    refusals.add(status + " " + request + ": " + message);
  }
}
