package avs.execution.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/** How both services listen: one place for the server settings they share. */
public final class HttpServers {
  private HttpServers() {}

  /**
   * Starts a server; the shutdown is the service's to order (no JVM hook), and the payload limit is generous
   * because {@link RequestBodies} enforces the real one with a 413 that says so.
   */
  public static WebServer start(String host, int port, int maxBodyBytes, Consumer<HttpRouting.Builder> routes) {
    return WebServer.builder()
        .host(host)
        .port(port)
        .maxPayloadSize(4L * maxBodyBytes)
        .shutdownHook(false)
        .routing(routes)
        .build()
        .start();
  }
}
