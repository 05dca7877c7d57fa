package avs.execution.http.edge;

import java.util.List;

/**
 * How a request's body is delimited (RFC 9112 §6), decided from its head before a byte of the body is read. Every
 * case two parsers could read differently — both Content-Length and Transfer-Encoding, differing lengths, codings
 * other than chunked, chunked in HTTP/1.0 — is refused: that ambiguity is what request smuggling lives on.
 */
record BodyFraming(Kind kind, int length, boolean expectContinue, boolean closeAfter) {
  enum Kind { NONE, LENGTH, CHUNKED }

  private static final int MAX_LENGTH_DIGITS = 18;

  static BodyFraming of(RequestHead head, ClientLimits limits) {
    boolean closeAfter = head.http10() || head.tokens("Connection").contains("close");
    List<String> codings = head.tokens("Transfer-Encoding");
    Kind kind;
    long length = 0;
    if (!codings.isEmpty()) {
      if (head.http10()) {
        throw EdgeError.badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request; send Content-Length");
      }
      if (head.has("Content-Length")) {
        throw EdgeError.badRequest("the request has both Transfer-Encoding and Content-Length, so its length is ambiguous; send one of them");
      }
      if (!codings.equals(List.of("chunked"))) {
        throw EdgeError.badRequest("Transfer-Encoding must be exactly \"chunked\" (got \"" + String.join(", ", codings) + "\")");
      }
      kind = Kind.CHUNKED;
    } else if (head.has("Content-Length")) {
      length = contentLength(head.tokens("Content-Length"));
      if (length > limits.maxBodyBytes()) {
        throw tooLarge(limits);
      }
      kind = length == 0 ? Kind.NONE : Kind.LENGTH;
    } else {
      kind = Kind.NONE;
    }
    return new BodyFraming(kind, (int) length, expectsContinue(head, kind), closeAfter);
  }

  static EdgeError tooLarge(ClientLimits limits) {
    return new EdgeError(413, "the request body is larger than " + limits.maxBodyBytes() + " bytes (MAX_BODY_BYTES)");
  }

  /** One length, however often it is repeated; anything else is refused (RFC 9112 §6.3). */
  private static long contentLength(List<String> values) {
    String first = values.getFirst();
    for (String value : values) {
      if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw EdgeError.badRequest("Content-Length must be a number of bytes (got \"" + shorten(value) + "\")");
      }
      if (!value.equals(first)) {
        throw EdgeError.badRequest("the request has two different Content-Length values (" + shorten(first) + " and " + shorten(value) + ")");
      }
    }
    return Long.parseLong(first);
  }

  private static boolean expectsContinue(RequestHead head, Kind kind) {
    List<String> expectations = head.tokens("Expect");
    if (expectations.isEmpty()) {
      return false;
    }
    if (!expectations.equals(List.of("100-continue"))) {
      throw new EdgeError(417, "Expect: only 100-continue is supported (got \"" + shorten(String.join(", ", expectations)) + "\")");
    }
    return kind != Kind.NONE;
  }

  private static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
