package avs.execution.support;

import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What stand-ins of pinning services need of a multipart upload: the whole text, and the bytes of its file part. */
public final class MultipartBodies {
  public record Upload(String text, byte[] file) {}

  private MultipartBodies() {}

  public static Upload read(ServerRequest request) {
    String type = request.headers().contentType().orElseThrow().text();
    String boundary = type.substring(type.indexOf("boundary=") + 9);
    byte[] body = request.content().as(byte[].class);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("\r\n\r\n", text.indexOf("name=\"file\"")) + 4;
    int end = text.indexOf("\r\n--" + boundary + "--", start);
    return new Upload(text, Arrays.copyOfRange(body, start, end));
  }
}
