package avs.execution.console;

import avs.execution.error.Forbidden;
import avs.execution.logging.Secret;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may see and who may act. Reading is open to loopback clients, and to others holding a session from
 * {@code POST /console/login}. Acting (re-queueing) needs the console token in the {@code X-Console-Token} header,
 * which no cross-site form can send; requests a browser marks as cross-site are refused too (and writes whose Origin
 * is another site, by the port's RequestPolicy, before any route). The token is CONSOLE_TOKEN, or a random one made at start-up.
 */
final class ConsoleAccess {
  static final HeaderName TOKEN_HEADER = HeaderNames.create("X-Console-Token");
  static final String SESSION_COOKIE = "avs_console";
  private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
  private final Secret token;
  private final boolean generated;
  private final ConsoleSessions sessions = new ConsoleSessions();

  private ConsoleAccess(Secret token, boolean generated) {
    this.token = token;
    this.generated = generated;
  }

  static ConsoleAccess of(Optional<Secret> configured) {
    if (configured.isPresent()) {
      return new ConsoleAccess(configured.get(), false);
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return new ConsoleAccess(new Secret(HexFormat.of().formatHex(random)), true);
  }

  /** Whether the token was made here (and so must be shown once at start-up for anyone to use it). */
  boolean generated() {
    return generated;
  }

  /** The token, for the one start-up line that shows a generated one. */
  String revealGenerated() {
    if (!generated) {
      throw new IllegalStateException("a configured CONSOLE_TOKEN is never shown");
    }
    return token.reveal();
  }

  void checkRead(ServerRequest request) {
    if (isLoopback(request.remotePeer().address()) || sessionOf(request).filter(sessions::valid).isPresent()) {
      return;
    }
    throw new Forbidden("the console is open to loopback clients; from elsewhere, sign in at /console with the console token (CONSOLE_TOKEN)");
  }

  void checkAction(ServerRequest request) {
    checkSameSite(request);
    Optional<String> sent = request.headers().first(TOKEN_HEADER);
    if (sent.isEmpty()) {
      throw new Forbidden("this action needs the console token: enter it in the console (sent as X-Console-Token)");
    }
    if (!matches(sent.get())) {
      throw new Forbidden("the console token sent (X-Console-Token) is wrong");
    }
  }

  /** A new session for a client that sent the right token in the sign-in form. */
  String signIn(ServerRequest request, String sentToken) {
    checkSameSite(request);
    if (!matches(sentToken)) {
      throw new Forbidden("the console token is wrong");
    }
    return sessions.open();
  }

  private boolean matches(String sent) {
    return MessageDigest.isEqual(sent.strip().getBytes(StandardCharsets.UTF_8), token.reveal().getBytes(StandardCharsets.UTF_8));
  }

  private static void checkSameSite(ServerRequest request) {
    String site = request.headers().first(SEC_FETCH_SITE).orElse("same-origin");
    if (!site.equals("same-origin") && !site.equals("none")) {
      throw new Forbidden("a cross-site request (Sec-Fetch-Site: " + site + ") cannot act on the console");
    }
    // a write whose Origin is another site never gets here: the port's RequestPolicy refuses it for every route
  }

  private static Optional<String> sessionOf(ServerRequest request) {
    return request.headers().first(HeaderNames.COOKIE).flatMap(cookies -> {
      for (String cookie : cookies.split(";")) {
        String[] pair = cookie.strip().split("=", 2);
        if (pair.length == 2 && pair[0].equals(SESSION_COOKIE)) {
          return Optional.of(pair[1]);
        }
      }
      return Optional.empty();
    });
  }

  private static boolean isLoopback(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      InetAddress ip = inet.getAddress();
      return ip != null && ip.isLoopbackAddress();
    }
    return false;
  }
}
