package avs.execution.upstream;

import avs.execution.logging.LogText;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One plain-TCP HTTP/1.1 connection to an upstream, used by one exchange at a time: writes a request, reads the
 * answer's head and its body framed as RFC 9112 section 6.3 says (no body for HEAD, 1xx, 204 and 304;
 * chunked; Content-Length; else up to the end of the connection). Whether it may carry another exchange afterwards
 * is {@link #reusable()}. Blocking I/O on the calling (virtual) thread; a deadline ends an exchange by closing the
 * socket from another thread.
 */
final class Http1Connection implements AutoCloseable {
  /** Bounds on what an upstream may send: a head (status line and headers), and a body held in memory. */
  static final int MAX_HEAD_BYTES = 64 * 1024;
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
  /** The most of an upstream's text one error message quotes. */
  private static final int MAX_QUOTED_CHARS = 120;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private byte[] buffer = new byte[8192];
  private int start;
  private int end;
  private boolean reusable = true;
  private boolean answerStarted;
  private long idleSince = System.nanoTime();

  private Http1Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects; a connect that takes longer than {@code connectTimeout} (none: the system's) fails as the JDK client's does. */
  static Http1Connection open(String host, int port, Duration connectTimeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), connectTimeout == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
      return new Http1Connection(socket);
    } catch (SocketTimeoutException e) {
      socket.close();
      HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
      timeout.initCause(e);
      throw timeout;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The answer to one exchange: its status, its headers (names as sent, looked up without case) and its body. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body) {}

  /** Sends a request (its head and body in one write) and reads the whole answer. */
  Answer exchange(byte[] request, boolean headRequest) throws IOException {
    answerStarted = false;
    out.write(request);
    out.flush();
    while (true) {
      int status = readStatusLine();
      Map<String, List<String>> headers = readHeaders();
      if (status == 101) {
        throw new ProtocolException("the server switched protocols (HTTP 101), which a plain HTTP/1.1 exchange cannot follow");
      }
      if (status / 100 == 1) {
        continue; // 100 Continue, 103 Early Hints: the answer follows
      }
      if (tokenIn(headers, "connection", "close")) {
        reusable = false;
      }
      byte[] body = headRequest || status == 204 || status == 304 ? new byte[0] : readBody(headers);
      return new Answer(status, headers, body);
    }
  }

  /** Whether any byte of an answer arrived in the current exchange (a reused connection that fails before is stale). */
  boolean answerStarted() {
    return answerStarted;
  }

  /** Whether this connection may carry another exchange: the last answer was framed, complete, and did not close it. */
  boolean reusable() {
    return reusable && start == end && !socket.isClosed();
  }

  long idleSince() {
    return idleSince;
  }

  void markIdle() {
    idleSince = System.nanoTime();
  }

  @Override
  public void close() {
    reusable = false;
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing more to do with it
    }
  }

  private int readStatusLine() throws IOException {
    String line = readLine();
    // HTTP-version SP status-code SP [reason-phrase]
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' ' || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolException("not an HTTP/1.x status line: " + printable(line));
    }
    if (line.charAt(7) == '0') {
      reusable = false; // HTTP/1.0: no persistent connections unless negotiated, and we do not negotiate them
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char digit = line.charAt(i);
      if (digit < '0' || digit > '9') {
        throw new ProtocolException("not an HTTP status code: " + printable(line));
      }
      status = status * 10 + (digit - '0');
    }
    if (status < 100) {
      throw new ProtocolException("not an HTTP status code: " + printable(line));
    }
    return status;
  }

  private Map<String, List<String>> readHeaders() throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int headBytes = 0;
    while (true) {
      String line = readLine();
      headBytes += line.length() + 2;
      if (headBytes > MAX_HEAD_BYTES) {
        throw new ProtocolException("the answer's headers exceed " + MAX_HEAD_BYTES + " bytes");
      }
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new ProtocolException("malformed header line in the answer: " + printable(line));
      }
      String name = line.substring(0, colon);
      headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(line.substring(colon + 1).strip());
    }
  }

  private byte[] readBody(Map<String, List<String>> headers) throws IOException {
    List<String> transferEncoding = headers.get("transfer-encoding");
    if (transferEncoding != null) {
      if (lastToken(transferEncoding).equalsIgnoreCase("chunked")) {
        return readChunked();
      }
      reusable = false;
      return readToEnd();
    }
    List<String> lengths = headers.get("content-length");
    if (lengths != null) {
      return readExactly(contentLength(lengths));
    }
    reusable = false;
    return readToEnd();
  }

  private static int contentLength(List<String> values) throws ProtocolException {
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",")) {
        long parsed = parseLength(part.strip());
        if (length >= 0 && parsed != length) {
          throw new ProtocolException("the answer has conflicting Content-Length headers: " + printable(String.join(", ", values)));
        }
        length = parsed;
      }
    }
    if (length > MAX_BODY_BYTES) {
      throw new ProtocolException("the answer's body (" + length + " bytes) exceeds " + MAX_BODY_BYTES + " bytes");
    }
    return (int) length;
  }

  private static long parseLength(String text) throws ProtocolException {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ProtocolException("the answer's Content-Length is not a number: " + printable(text));
    }
    return Long.parseLong(text);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine();
      int extension = line.indexOf(';');
      String size = (extension >= 0 ? line.substring(0, extension) : line).strip();
      if (size.isEmpty() || size.length() > 8 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new ProtocolException("malformed chunk size in the answer: " + printable(line));
      }
      int length = Integer.parseInt(size, 16);
      if (length == 0) {
        while (!readLine().isEmpty()) {
          // trailer fields: not used
        }
        return body.toByteArray();
      }
      if (body.size() + (long) length > MAX_BODY_BYTES) {
        throw new ProtocolException("the answer's body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      body.write(readExactly(length));
      if (!readLine().isEmpty()) {
        throw new ProtocolException("a chunk of the answer does not end where its size says");
      }
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] body = new byte[length];
    int buffered = Math.min(length, end - start);
    System.arraycopy(buffer, start, body, 0, buffered);
    start += buffered;
    int read = buffered;
    while (read < length) {
      int n = in.read(body, read, length - read);
      if (n < 0) {
        reusable = false;
        throw new EOFException("the connection closed after " + read + " of the answer's " + length + " body bytes");
      }
      read += n;
    }
    return body;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(buffer, start, end - start);
    start = end;
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) >= 0; ) {
      if (body.size() + (long) n > MAX_BODY_BYTES) {
        throw new ProtocolException("the answer's body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      body.write(chunk, 0, n);
    }
    return body.toByteArray();
  }

  /** One line of the head, without its CRLF (a bare LF is taken too, as RFC 9112 allows a recipient to). */
  private String readLine() throws IOException {
    int scanned = 0; // bytes after start already looked at: fill() may move start
    while (true) {
      for (int i = start + scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
          start = i + 1;
          return line;
        }
      }
      scanned = end - start;
      if (scanned >= MAX_HEAD_BYTES) {
        throw new ProtocolException("a line of the answer's head exceeds " + MAX_HEAD_BYTES + " bytes");
      }
      fill();
    }
  }

  /** Reads more bytes into the buffer, moving what is unread to its start first (or growing it, up to a head's bound). */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(MAX_HEAD_BYTES + 2, buffer.length * 2));
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      reusable = false;
      throw new EOFException(answerStarted ? "the connection closed in the middle of the answer" : "the connection closed before an answer");
    }
    answerStarted = true;
    end += n;
  }

  private static boolean tokenIn(Map<String, List<String>> headers, String name, String token) {
    List<String> values = headers.get(name);
    if (values == null) {
      return false;
    }
    for (String value : values) {
      for (String part : value.split(",")) {
        if (part.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String lastToken(List<String> values) {
    String last = values.get(values.size() - 1);
    int comma = last.lastIndexOf(',');
    return (comma >= 0 ? last.substring(comma + 1) : last).strip();
  }

  /** Text from an upstream, made safe to put in an error message (and so in a log): escaped, bounded. */
  private static String printable(String text) {
    return LogText.of(text, MAX_QUOTED_CHARS);
  }
}
