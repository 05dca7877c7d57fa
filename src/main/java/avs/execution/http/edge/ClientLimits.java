package avs.execution.http.edge;

import java.time.Duration;

/**
 * What a port tolerates from one client before it answers with a 4xx and closes the connection: sizes of the
 * request line, the headers and the body, and how long each part of a request may take to arrive.
 *
 * @param maxRequestLineBytes longest request line (method, target, version): 414 above it
 * @param maxHeaderBytes all header lines of one request together (and the trailers of a chunked body): 431 above it
 * @param maxBodyBytes longest body, after de-chunking: 413 above it
 * @param headersTimeout from a request's first byte (or a new connection) to the end of its headers: 408 after it
 * @param bodyTimeout from the end of the headers to the end of the body: 408 after it
 * @param keepAliveTimeout how long a connection may sit idle between requests before it is closed
 */
public record ClientLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxBodyBytes, Duration headersTimeout, Duration bodyTimeout,
    Duration keepAliveTimeout) {
  public static final int MAX_HEADER_COUNT = 100;
  /** A chunk-size line (size and extensions); longer ones are refused as "oversized chunk extension". */
  public static final int MAX_CHUNK_LINE_BYTES = 1024;

  /** The defaults, documented in docs/configuration.md: 8 KiB request line, 16 KiB of headers, 10 s / 30 s / 120 s. */
  public static ClientLimits defaults(int maxBodyBytes) {
    return new ClientLimits(8192, 16384, maxBodyBytes, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120));
  }
}
