package avs.execution.http.edge;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** A connection as the HTTP/1 server sees it behind the edge: the same socket, but requests read through the framer. */
final class FramedContext implements ConnectionContext {
  private final ConnectionContext socket;
  private final DataReader framed;

  FramedContext(ConnectionContext socket, DataReader framed) {
    this.socket = socket;
    this.framed = framed;
  }

  @Override
  public DataReader dataReader() {
    return framed;
  }

  @Override
  public ListenerContext listenerContext() {
    return socket.listenerContext();
  }

  @Override
  public ExecutorService executor() {
    return socket.executor();
  }

  @Override
  public DataWriter dataWriter() {
    return socket.dataWriter();
  }

  @Override
  public Router router() {
    return socket.router();
  }

  @Override
  public Optional<ProxyProtocolData> proxyProtocolData() {
    return socket.proxyProtocolData();
  }

  @Override
  public HelidonSocket serverSocket() {
    return socket.serverSocket();
  }

  @Override
  public PeerInfo remotePeer() {
    return socket.remotePeer();
  }

  @Override
  public PeerInfo localPeer() {
    return socket.localPeer();
  }

  @Override
  public boolean isSecure() {
    return socket.isSecure();
  }

  @Override
  public String socketId() {
    return socket.socketId();
  }

  @Override
  public String childSocketId() {
    return socket.childSocketId();
  }
}
