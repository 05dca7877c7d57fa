package avs.execution.trigger.chain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A JSON-RPC error from a chain's RPC: its code and message, and whether it is the provider's limit on a log range. */
public final class EthRpcError extends RuntimeException {
  /** How providers say a log query spans too much: Infura, Alchemy, QuickNode, Ankr, geth and anvil differ. */
  private static final Pattern RANGE = Pattern.compile("range|too many|more than|limit|exceed|too large|10000 results|timeout");
  private final int code;

  public EthRpcError(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Whether asking for fewer blocks at once may help (-32005, or a message that speaks of a range or a limit). */
  public boolean rangeTooLarge() {
    return code == -32005 || RANGE.matcher(getMessage().toLowerCase(Locale.ROOT)).find() && getMessage().contains("eth_getLogs");
  }
}
