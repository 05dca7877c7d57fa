package avs.execution.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client that writes exactly the bytes it is given, as a hostile or broken one would, and reads back every
 * response and whether the server closed the connection. Every wait is bounded.
 */
public final class RawHttp {
  /** One response as it came: status, headers (lower-case names) and body. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What the connection carried back: the responses in order, and whether the server closed it afterwards. */
  public record Exchange(List<Response> responses, boolean closed, String raw) {
    public Response only() {
      if (responses.size() != 1) {
        throw new AssertionError("expected exactly one response, got " + responses.size() + ":\n" + raw);
      }
      return responses.getFirst();
    }
  }

  private RawHttp() {}

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends the bytes, then reads until the server closes or {@code quiet} passes without a byte. */
  public static Exchange send(int port, byte[] request, Duration quiet) {
    return send(port, List.of(request), Duration.ZERO, false, quiet);
  }

  /** Sends the bytes and reads until {@code expected} whole responses came (or the server closed, or 5 s passed). */
  public static Exchange expect(int port, byte[] request, int expected) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      boolean closed = false;
      while (parse(received.toString(StandardCharsets.ISO_8859_1), true).size() < expected) {
        int n = socket.getInputStream().read(buffer);
        if (n < 0) {
          closed = true;
          break;
        }
        received.write(buffer, 0, n);
      }
      String raw = received.toString(StandardCharsets.ISO_8859_1);
      return new Exchange(parse(raw, false), closed, raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the pieces with a pause between them (a slow client), optionally closing the sending side afterwards
   * (a client that gives up), then reads until the server closes or {@code quiet} passes without a byte.
   */
  public static Exchange send(int port, List<byte[]> pieces, Duration pause, boolean halfClose, Duration quiet) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) quiet.toMillis());
      for (byte[] piece : pieces) {
        try {
          socket.getOutputStream().write(piece);
          socket.getOutputStream().flush();
        } catch (SocketException e) {
          break; // the server already closed: what it answered is read below
        }
        if (!pause.isZero()) {
          Thread.sleep(pause.toMillis());
        }
      }
      if (halfClose) {
        socket.shutdownOutput();
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean closed = read(socket.getInputStream(), received);
      String raw = received.toString(StandardCharsets.ISO_8859_1);
      return new Exchange(parse(raw, false), closed, raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean read(InputStream in, ByteArrayOutputStream into) throws IOException {
    byte[] buffer = new byte[8192];
    while (into.size() < 4 << 20) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true; // reset: closed
      }
      if (n < 0) {
        return true;
      }
      into.write(buffer, 0, n);
    }
    return false;
  }

  /** The responses in the bytes; with {@code partial}, a response not yet whole at the end is left out. */
  private static List<Response> parse(String raw, boolean partial) {
    List<Response> responses = new ArrayList<>();
    int at = 0;
    while (at < raw.length()) {
      int headEnd = raw.indexOf("\r\n\r\n", at);
      if (headEnd < 0) {
        if (partial) {
          return responses;
        }
        throw new AssertionError("a response without the end of its head:\n" + raw.substring(at));
      }
      String[] lines = raw.substring(at, headEnd).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
      int length = status == 100 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
      int bodyStart = headEnd + 4;
      if (partial && raw.length() < bodyStart + length) {
        return responses;
      }
      String body = raw.substring(bodyStart, Math.min(raw.length(), bodyStart + length));
      responses.add(new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
      at = bodyStart + length;
    }
    return responses;
  }
}
