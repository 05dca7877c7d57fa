package avs.execution.support;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/** A real HTTP server on 127.0.0.1 and a free port, speaking whatever protocol the test's routes give it. */
public final class LoopbackServer implements AutoCloseable {
  private final WebServer server;

  private LoopbackServer(WebServer server) {
    this.server = server;
  }

  public static LoopbackServer start(Consumer<HttpRouting.Builder> routes) {
    return new LoopbackServer(WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false).routing(routes).build().start());
  }

  public int port() {
    return server.port();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Override
  public void close() {
    server.stop();
  }

  /** A port nothing listens on: bound once, then released. */
  public static int closedPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
