package avs.execution.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real TCP server on 127.0.0.1 that answers each HTTP/1.1 request it reads with the raw bytes a script gives,
 * byte for byte (so a test can send what a well-behaved server would not), and records what it received.
 */
final class ScriptedHttpServer implements AutoCloseable {
  /** What to send back for one request, and whether to close the connection afterwards (without saying so). */
  record Reply(String raw, boolean closeAfter) {
    static Reply keep(String raw) {
      return new Reply(raw, false);
    }

    static Reply close(String raw) {
      return new Reply(raw, true);
    }

    /** Reads the request and never answers (the connection stays open until the client gives up). */
    static Reply silence() {
      return new Reply(null, false);
    }
  }

  private final ServerSocket server;
  private final Function<String, Reply> script;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  /** The script gets each request (head and body, as text) in the order received and says what to answer. */
  ScriptedHttpServer(Function<String, Reply> script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    this.acceptor = Thread.ofPlatform().daemon().name("scripted-http").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  List<String> requests() {
    return requests;
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      for (int served = 0; served < 1000; served++) {
        String request = readRequest(in);
        if (request == null) {
          return;
        }
        requests.add(request);
        Reply reply = script.apply(request);
        if (reply.raw() == null) {
          in.read(); // silence: wait until the client closes
          return;
        }
        out.write(reply.raw().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (reply.closeAfter()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** One request: its head up to the blank line, then as many body bytes as its Content-Length says; null at EOF. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (head.size() < 4 || !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
