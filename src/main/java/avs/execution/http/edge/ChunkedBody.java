package avs.execution.http.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * De-chunks a body (RFC 9112 §7.1): each chunk's size line is hex digits with optional extensions, bounded; its data
 * must be followed by exactly a line end; the last chunk's trailers are checked like headers and dropped. The
 * handler then sees the body with a Content-Length, as if it had been sent that way.
 */
final class ChunkedBody {
  private static final int MAX_SIZE_DIGITS = 8;

  private ChunkedBody() {}

  static byte[] read(RawInput in, ClientLimits limits) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      byte[] line = in.readLine(ClientLimits.MAX_CHUNK_LINE_BYTES, () -> EdgeError.badRequest(
          "a chunk size line is longer than " + ClientLimits.MAX_CHUNK_LINE_BYTES + " bytes (oversized chunk extension)"));
      long size = size(line);
      if (size > limits.maxBodyBytes() - body.size()) {
        throw BodyFraming.tooLarge(limits);
      }
      if (size == 0) {
        trailers(in, limits);
        return body.toByteArray();
      }
      body.writeBytes(in.readExact((int) size));
      in.expectLineEnd(() -> EdgeError.badRequest("chunk data is longer than its chunk size said (no line end after "
          + size + " bytes)"));
    }
  }

  /** The chunk size: 1 to 8 hex digits, then nothing, or extensions after a semicolon (without control characters). */
  private static long size(byte[] line) {
    int digits = 0;
    while (digits < line.length && Character.digit(line[digits], 16) >= 0) {
      digits++;
    }
    if (digits == 0 || digits > MAX_SIZE_DIGITS) {
      throw EdgeError.badRequest("the chunk size \"" + HeadParser.printable(line, 0, line.length) + "\" is not 1 to "
          + MAX_SIZE_DIGITS + " hex digits");
    }
    int rest = digits;
    while (rest < line.length && Tokens.isWhitespace(line[rest])) {
      rest++;
    }
    if (rest < line.length && line[rest] != ';') {
      throw EdgeError.badRequest("the chunk size \"" + HeadParser.printable(line, 0, line.length) + "\" is followed by something other than an extension");
    }
    for (int i = rest; i < line.length; i++) {
      if (!Tokens.isFieldValueByte(line[i])) {
        throw EdgeError.badRequest("a chunk extension has a control character");
      }
    }
    return Long.parseLong(new String(line, 0, digits, StandardCharsets.US_ASCII), 16);
  }

  private static void trailers(RawInput in, ClientLimits limits) {
    int budget = limits.maxHeaderBytes();
    while (true) {
      byte[] line = in.readLine(Math.max(0, budget), () -> new EdgeError(431, "the chunked body's trailers are larger than "
          + limits.maxHeaderBytes() + " bytes"));
      if (line.length == 0) {
        return;
      }
      budget -= line.length + 2;
      HeadParser.field(line);
    }
  }
}
