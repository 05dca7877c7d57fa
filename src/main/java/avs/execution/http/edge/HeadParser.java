package avs.execution.http.edge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one request line and its headers (RFC 9112 §3 and §5), strictly: anything a proxy and this server might
 * read differently — whitespace before a colon, folded lines, control characters, a second space — is refused
 * rather than guessed at.
 */
final class HeadParser {
  /** RFC 9112 §2.2: a server should ignore at least one empty line before the request line. */
  private static final int MAX_LEADING_EMPTY_LINES = 4;

  private HeadParser() {}

  /** The head of the next request; {@code requestLine} hears the request line as soon as it is read, for the log. */
  static RequestHead read(RawInput in, ClientLimits limits, Consumer<String> requestLine) {
    byte[] line = requestLine(in, limits);
    for (int skipped = 0; line.length == 0; skipped++) {
      if (skipped == MAX_LEADING_EMPTY_LINES) {
        throw EdgeError.badRequest("the request is only empty lines");
      }
      line = requestLine(in, limits);
    }
    requestLine.accept(new String(line, StandardCharsets.ISO_8859_1));
    int firstSpace = indexOf(line, (byte) ' ', 0);
    int secondSpace = firstSpace < 0 ? -1 : indexOf(line, (byte) ' ', firstSpace + 1);
    if (firstSpace < 0 || secondSpace < 0 || indexOf(line, (byte) ' ', secondSpace + 1) >= 0) {
      throw EdgeError.badRequest("the request line must be METHOD SP TARGET SP HTTP/1.1, with single spaces");
    }
    if (!Tokens.isToken(line, 0, firstSpace)) {
      throw EdgeError.badRequest("the method must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)");
    }
    for (int i = firstSpace + 1; i < secondSpace; i++) {
      if (!Tokens.isTargetByte(line[i])) {
        throw EdgeError.badRequest("the request target has a character that must be percent-encoded (a control, space or non-ASCII byte)");
      }
    }
    String method = ascii(line, 0, firstSpace);
    String target = ascii(line, firstSpace + 1, secondSpace);
    boolean http10 = version(ascii(line, secondSpace + 1, line.length));
    return new RequestHead(method, target, http10, headers(in, limits));
  }

  private static byte[] requestLine(RawInput in, ClientLimits limits) {
    return in.readLine(limits.maxRequestLineBytes(), () -> new EdgeError(414,
        "the request line is longer than " + limits.maxRequestLineBytes() + " bytes; send a shorter target"));
  }

  /** HTTP/1.1, or HTTP/1.0 (served, with the connection closed after it); any other version is refused. */
  private static boolean version(String version) {
    if (version.equals("HTTP/1.1")) {
      return false;
    }
    if (version.equals("HTTP/1.0")) {
      return true;
    }
    if (version.matches("HTTP/[0-9]\\.[0-9]")) {
      throw EdgeError.badRequest("HTTP version " + version.substring(5) + " is not served here: send HTTP/1.1 or HTTP/1.0");
    }
    throw EdgeError.badRequest("the request line must end with the HTTP version, HTTP/1.1 or HTTP/1.0");
  }

  private static List<RequestHead.Header> headers(RawInput in, ClientLimits limits) {
    List<RequestHead.Header> headers = new ArrayList<>();
    int budget = limits.maxHeaderBytes();
    while (true) {
      int remaining = budget;
      byte[] line = in.readLine(Math.max(0, remaining), () -> tooLarge(limits));
      budget -= line.length + 2;
      if (line.length == 0) {
        return headers;
      }
      if (budget < 0) {
        throw tooLarge(limits);
      }
      if (headers.size() == ClientLimits.MAX_HEADER_COUNT) {
        throw new EdgeError(431, "the request has more than " + ClientLimits.MAX_HEADER_COUNT + " headers");
      }
      headers.add(field(line));
    }
  }

  /** One header (or trailer) line: a token name, a colon right after it, and a value without control characters. */
  static RequestHead.Header field(byte[] line) {
    if (Tokens.isWhitespace(line[0])) {
      throw EdgeError.badRequest("a header line starts with whitespace: folded header lines (obs-fold) are not accepted");
    }
    int colon = indexOf(line, (byte) ':', 0);
    if (colon <= 0) {
      throw EdgeError.badRequest("a header line has no name followed by a colon");
    }
    if (!Tokens.isToken(line, 0, colon)) {
      throw EdgeError.badRequest("the header name \"" + printable(line, 0, colon)
          + "\" is not a token (no spaces before the colon, no control or non-ASCII characters)");
    }
    String name = ascii(line, 0, colon);
    int from = colon + 1;
    int to = line.length;
    while (from < to && Tokens.isWhitespace(line[from])) {
      from++;
    }
    while (to > from && Tokens.isWhitespace(line[to - 1])) {
      to--;
    }
    for (int i = from; i < to; i++) {
      if (!Tokens.isFieldValueByte(line[i])) {
        throw EdgeError.badRequest("the header " + name + " has a control character in its value");
      }
    }
    return new RequestHead.Header(name, new String(line, from, to - from, StandardCharsets.ISO_8859_1));
  }

  private static EdgeError tooLarge(ClientLimits limits) {
    return new EdgeError(431, "the request headers are larger than " + limits.maxHeaderBytes() + " bytes (MAX_HEADER_BYTES)");
  }

  static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static String ascii(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
  }

  /** A bounded, printable rendering of client bytes for an error message. */
  static String printable(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to && text.length() < 40; i++) {
      int c = bytes[i] & 0xff;
      text.append(c > 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return to - from > 40 ? text + "…" : text.toString();
  }
}
