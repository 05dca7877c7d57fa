package avs.execution.proof;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code multipart/form-data} body of text fields and one file part, as pinning APIs take uploads (Pinata's
 * pinFileToIPFS, Kubo's {@code /api/v0/add}). The file's bytes are sent as they are, never copied into the head.
 */
final class MultipartFile {
  private final String boundary;
  private final Map<String, String> fields = new LinkedHashMap<>();

  MultipartFile(String boundary) {
    this.boundary = boundary;
  }

  MultipartFile field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The fields in the order given, then the file part named {@code file}. */
  HttpRequest.BodyPublisher body(String fileName, byte[] content) {
    StringBuilder head = new StringBuilder();
    fields.forEach((name, value) -> head.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
        .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8),
        HttpRequest.BodyPublishers.ofByteArray(content), HttpRequest.BodyPublishers.ofByteArray(tail));
  }
}
