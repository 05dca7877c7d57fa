package avs.execution.submit;

import java.net.URI;
import java.time.Duration;

/**
 * The Othentic node's JSON-RPC (OTHENTIC_CLIENT_RPC_ADDRESS), how long one exchange may take, and how many calls
 * made at the same time may share one exchange as a JSON-RPC batch (NODE_BATCH_MAX; 1 sends every call alone).
 */
public record NodeSettings(URI rpcUrl, Duration timeout, int batchMax) {
  /** ethers v6's default batchMaxCount, the reference performer's provider's limit. */
  public static final int DEFAULT_BATCH_MAX = 100;
}
