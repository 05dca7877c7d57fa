package avs.execution.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg} in logback.xml: every log message, from this service or a library, with control characters
 * escaped and its length bounded, so that one event is always exactly one line. Values from clients are also
 * bounded one by one where they are logged ({@link LogText#of}); this is the guarantee behind them.
 */
public final class SafeMessageConverter extends MessageConverter {
  /** Far above any message of ours (the start-up line is the longest); only outside text can reach it. */
  static final int MAX_MESSAGE_CHARS = 4000;

  @Override
  public String convert(ILoggingEvent event) {
    return LogText.of(super.convert(event), MAX_MESSAGE_CHARS);
  }
}
