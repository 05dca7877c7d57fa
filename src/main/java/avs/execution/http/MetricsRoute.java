package avs.execution.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /metrics}: a registry in Prometheus' text format, for both services. */
final class MetricsRoute {
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
  private final PrometheusRegistry registry;

  MetricsRoute(PrometheusRegistry registry) {
    this.registry = registry;
  }

  void handle(ServerRequest request, ServerResponse response) {
    ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
    try {
      WRITER.write(text, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the metrics", e);
    }
    response.header(HeaderNames.CONTENT_TYPE, WRITER.getContentType());
    response.send(text.toByteArray());
  }
}
