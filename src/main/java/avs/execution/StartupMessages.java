package avs.execution;

import java.util.Locale;
import java.util.Map;

/** How a failure that stops a command is told: one line with its cause, the stack trace only when asked for. */
final class StartupMessages {
  private StartupMessages() {}

  /** The failure's message, and its root cause's when that adds something (the OS's "Connection refused", say). */
  static String oneLine(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root != failure && !message.contains(rootMessage)) {
      message += " (" + root.getClass().getSimpleName() + ": " + rootMessage + ")";
    }
    return message.replace('\n', ' ');
  }

  static boolean wantsStackTrace(Map<String, String> environment) {
    String level = environment.getOrDefault("LOG_LEVEL", "").toUpperCase(Locale.ROOT);
    return level.equals("DEBUG") || level.equals("TRACE");
  }
}
