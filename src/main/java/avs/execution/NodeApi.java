package avs.execution;

import avs.execution.config.Settings;
import avs.execution.health.HealthCheck;
import avs.execution.health.NodeHealth;
import avs.execution.http.HttpServers;
import avs.execution.http.NodeApiRoutes;
import io.helidon.webserver.WebServer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The EigenLayer node API on NODE_API_PORT, bound like the services, over the health checks of what this process runs. */
public final class NodeApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeApi.class);
  private final WebServer server;

  private NodeApi(WebServer server) {
    this.server = server;
  }

  public static NodeApi start(Settings settings, int port, List<HealthCheck> checks) {
    NodeApiRoutes routes = new NodeApiRoutes(Version.NAME, Version.NUMBER, new NodeHealth(checks));
    WebServer server = HttpServers.start(Ports.options(settings.server(), port), routes::register);
    LOG.info("EigenLayer node API on http://{}:{}/eigen/node — services {}", settings.server().bindAddress(), server.port(),
        checks.stream().map(HealthCheck::id).toList());
    return new NodeApi(server);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
