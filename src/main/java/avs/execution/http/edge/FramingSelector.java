package avs.execution.http.edge;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * The edge of every port: each new connection's bytes go through a {@link RequestFramer} (which frames, limits,
 * times and refuses requests) before Helidon's HTTP/1 connection reads them. Helidon then only ever sees
 * well-formed HTTP/1.1 requests with complete bodies.
 */
public final class FramingSelector implements ServerConnectionSelector {
  private final ClientLimits limits;
  private final Refusals refusals;
  private final Http1ConnectionSelector http1;

  public FramingSelector(ClientLimits limits, Refusals refusals) {
    this.limits = limits;
    this.refusals = refusals;
    // Helidon's own limits sit above ours, so that what the framer lets through never trips them.
    this.http1 = Http1ConnectionSelector.builder()
        .config(Http1Config.builder()
            .maxPrologueLength(limits.maxRequestLineBytes() + 1024)
            .maxHeadersSize(limits.maxHeaderBytes() + 1024)
            .build())
        .build();
  }

  @Override
  public int bytesToIdentifyConnection() {
    return 0;
  }

  @Override
  public Support supports(BufferData data) {
    return Support.SUPPORTED;
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return Set.of("http/1.1");
  }

  @Override
  public ServerConnection connection(ConnectionContext ctx) {
    RequestFramer framer = new RequestFramer(limits, refusals, new SocketConnection(ctx));
    SlowClientWatchdog.INSTANCE.watch(framer.guard());
    return http1.connection(new FramedContext(ctx, DataReader.create(framer)));
  }

  /** The framer's view of the accepted socket. */
  private record SocketConnection(ConnectionContext ctx) implements RequestFramer.EdgeConnection {
    @Override
    public ByteSource source() {
      DataReader raw = ctx.dataReader();
      return () -> {
        try {
          raw.ensureAvailable();
        } catch (DataReader.InsufficientDataAvailableException e) {
          return null;
        }
        return raw.readBytes(raw.available());
      };
    }

    @Override
    public DataWriter writer() {
      return ctx.dataWriter();
    }

    @Override
    public void close() {
      ctx.serverSocket().close();
    }

    @Override
    public boolean isOpen() {
      return ctx.serverSocket().isConnected();
    }

    @Override
    public String client() {
      return authority(ctx.remotePeer());
    }

    @Override
    public String localAuthority() {
      return authority(ctx.localPeer());
    }

    private static String authority(PeerInfo peer) {
      String host = peer.host();
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + peer.port();
    }
  }
}
