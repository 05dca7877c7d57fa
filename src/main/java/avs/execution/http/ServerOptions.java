package avs.execution.http;

import avs.execution.http.edge.ClientLimits;

/** Where a port listens and what it tolerates: the address and port, the client limits, and the Host names it answers to. */
public record ServerOptions(String host, int port, ClientLimits limits, HostPolicy hosts) {
  /** Loopback defaults, for the devnet's own parts and for tests. */
  public static ServerOptions loopback(String host, int port) {
    return new ServerOptions(host, port, ClientLimits.defaults(65_536), HostPolicy.forBind(host, java.util.Set.of()));
  }

  public ServerOptions withPort(int otherPort) {
    return new ServerOptions(host, otherPort, limits, hosts);
  }
}
