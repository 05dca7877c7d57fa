package avs.execution.submit;

import java.net.URI;
import java.time.Duration;

/** The Othentic node's JSON-RPC (OTHENTIC_CLIENT_RPC_ADDRESS) and how long one call may take. */
public record NodeSettings(URI rpcUrl, Duration timeout) {}
