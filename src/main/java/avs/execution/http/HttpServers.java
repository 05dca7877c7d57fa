package avs.execution.http;

import avs.execution.error.StartupFailure;
import avs.execution.http.edge.FramingSelector;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.Consumer;

/**
 * How every port of this process listens: behind the edge ({@link FramingSelector}: framing, limits, slow
 * clients), with the request policy ({@link RequestPolicy}: Host, origin, JSON) before the routes, 404/405 after
 * them ({@link RouteTable}), and the JSON envelope for whatever Helidon answers itself ({@link DirectErrors}).
 */
public final class HttpServers {
  private HttpServers() {}

  /**
   * Starts a server; the shutdown is the service's to order (no JVM hook). A port in use or an address that cannot
   * be bound is a {@link StartupFailure} that says so.
   */
  public static WebServer start(ServerOptions options, Consumer<RouteTable> routes) {
    checkBindable(options);
    WebServer server = WebServer.builder()
        .host(options.host())
        .port(options.port())
        .maxPayloadSize(4L * options.limits().maxBodyBytes())
        .protocolsDiscoverServices(false) // the edge is the only way in: Helidon's own HTTP/1 selector would read first
        .addConnectionSelector(new FramingSelector(options.limits(), ClientErrors.INSTANCE))
        .directHandlers(DirectErrors.handlers())
        .errorHandling(ErrorHandling.builder().includeEntity(true).build())
        .shutdownHook(false)
        .routing(routing -> {
          routing.addFilter(new RequestPolicy(options.hosts()));
          RouteTable table = new RouteTable(routing);
          routes.accept(table);
          table.finish();
        })
        .build()
        .start();
    if (!server.isRunning()) {
      throw new StartupFailure("the HTTP server on " + options.host() + ":" + options.port() + " did not start (see the log above)");
    }
    return server;
  }

  /**
   * Whether the port can be had, as one line that says what to do (instead of Helidon's stack trace). Services call
   * it before they open anything else, so a second instance started by mistake touches nothing of the first's.
   */
  public static void checkBindable(ServerOptions options) {
    if (options.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(options.host(), options.port()));
    } catch (IOException e) {
      throw new StartupFailure("cannot listen on " + options.host() + ":" + options.port() + " (" + e.getMessage()
          + "): another process has this port, or the address is not this machine's; stop it or choose another port", e);
    }
  }
}
