package avs.execution.http.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The request as the server behind the edge gets it: HTTP/1.1, an origin-form target, exactly one Host, and the
 * body (if any) with its Content-Length, never chunked. HTTP/1.0 and "Connection: close" requests say
 * "Connection: close", and the edge ends the connection after them. Target and Host are checked when this is
 * made, before any of the body is read.
 */
final class ForwardedRequest {
  private static final List<String> DROPPED = List.of("transfer-encoding", "content-length", "expect", "keep-alive");
  private final RequestHead head;
  private final String target;
  private final String replacedHost;
  private final boolean close;

  ForwardedRequest(RequestHead head, BodyFraming framing, String localAuthority) {
    this.head = head;
    this.close = framing.closeAfter();
    String rawTarget = head.target();
    String lower = rawTarget.toLowerCase(Locale.ROOT);
    List<String> hosts = head.values("Host");
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      // absolute-form (RFC 9112 §3.2.2): its authority replaces any Host header
      int authorityStart = lower.indexOf("//") + 2;
      int pathStart = firstOf(rawTarget, authorityStart);
      String authority = rawTarget.substring(authorityStart, pathStart);
      if (authority.isEmpty() || authority.contains("@")) {
        throw EdgeError.badRequest("the absolute request target has no usable host");
      }
      String rest = rawTarget.substring(pathStart);
      this.target = rest.isEmpty() ? "/" : rest.startsWith("?") ? "/" + rest : rest;
      this.replacedHost = authority;
      return;
    }
    if (rawTarget.equals("*") ? !head.method().equals("OPTIONS") : !rawTarget.startsWith("/")) {
      throw EdgeError.badRequest("the request target must be a path starting with / (got \"" + HeadParser.printable(
          rawTarget.getBytes(StandardCharsets.ISO_8859_1), 0, rawTarget.length()) + "\")");
    }
    this.target = rawTarget;
    if (hosts.size() > 1) {
      throw EdgeError.badRequest("the request has " + hosts.size() + " Host headers; send one");
    }
    if (hosts.isEmpty() && !head.http10()) {
      throw EdgeError.badRequest("an HTTP/1.1 request needs a Host header");
    }
    this.replacedHost = hosts.isEmpty() ? localAuthority : null;
  }

  boolean closesConnection() {
    return close;
  }

  byte[] bytes(byte[] body) {
    StringBuilder text = new StringBuilder(256);
    text.append(head.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (RequestHead.Header header : head.headers()) {
      String name = header.name().toLowerCase(Locale.ROOT);
      boolean replaced = (replacedHost != null && name.equals("host")) || (close && name.equals("connection"));
      if (!replaced && !DROPPED.contains(name)) {
        text.append(header.name()).append(": ").append(header.value()).append("\r\n");
      }
    }
    if (replacedHost != null) {
      text.append("Host: ").append(replacedHost).append("\r\n");
    }
    if (close) {
      text.append("Connection: close\r\n");
    }
    if (body.length > 0) {
      text.append("Content-Length: ").append(body.length).append("\r\n");
    }
    text.append("\r\n");
    byte[] headBytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  private static int firstOf(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || c == '?') {
        return i;
      }
    }
    return text.length();
  }
}
