package avs.execution.http.edge;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;

/** The raw bytes the edge writes itself: an interim 100 Continue, and a final error answer that closes the connection. */
final class EdgeAnswer {
  static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private EdgeAnswer() {}

  static byte[] error(int status, byte[] body) {
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] answer = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
    System.arraycopy(body, 0, answer, headBytes.length, body.length);
    return answer;
  }

  /** The reason phrase; Helidon knows most, not 431 (RFC 6585). */
  static String reason(int status) {
    String known = Status.create(status).reasonPhrase();
    return known != null && !known.isBlank() ? known : status == 431 ? "Request Header Fields Too Large" : "Client Error";
  }

  /** Writes, ignoring a client that is already gone: there is nobody left to tell. */
  static void write(DataWriter writer, byte[] bytes) {
    try {
      writer.writeNow(BufferData.create(bytes));
    } catch (RuntimeException e) {
      // the peer closed or reset the connection
    }
  }
}
