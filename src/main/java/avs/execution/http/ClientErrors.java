package avs.execution.http;

import avs.execution.http.edge.Refusals;
import avs.execution.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where client errors are logged: one line each — the client, the request, the status and the reason,
 * all escaped and bounded — never a stack trace. 429s are logged at DEBUG (load makes many; the metrics count them).
 */
public final class ClientErrors implements Refusals {
  public static final ClientErrors INSTANCE = new ClientErrors();
  private static final Logger LOG = LoggerFactory.getLogger(ClientErrors.class);
  private static final int MAX_MESSAGE_CHARS = 300;

  private ClientErrors() {}

  @Override
  public byte[] body(String message) {
    return Envelope.failure(message);
  }

  @Override
  public void refused(String client, String request, int status, String message) {
    log(client, request, status, message);
  }

  static void log(String client, String request, int status, String message) {
    if (status == 429) {
      LOG.debug("client {} \"{}\" → {}: {}", client, LogText.of(request), status, LogText.of(message, MAX_MESSAGE_CHARS));
    } else {
      LOG.info("client {} \"{}\" → {}: {}", client, LogText.of(request), status, LogText.of(message, MAX_MESSAGE_CHARS));
    }
  }
}
