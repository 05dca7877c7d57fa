package avs.execution;

import avs.execution.config.Settings;
import avs.execution.http.HostPolicy;
import avs.execution.http.ServerOptions;
import avs.execution.http.edge.ClientLimits;

/** How the settings become a port's {@link ServerOptions}: both services listen the same way, on their own ports. */
final class Ports {
  private Ports() {}

  static ServerOptions options(Settings.Server server, int port) {
    ClientLimits limits = new ClientLimits(ClientLimits.defaults(server.maxBodyBytes()).maxRequestLineBytes(), server.maxHeaderBytes(),
        server.maxBodyBytes(), server.headersTimeout(), server.bodyTimeout(), server.keepAliveTimeout());
    return new ServerOptions(server.bindAddress(), port, limits, HostPolicy.forBind(server.bindAddress(), server.allowedHosts()));
  }
}
