package avs.execution.proof;

import avs.execution.logging.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's own IPFS node: its RPC API ({@code IPFS_API_URL}, Kubo's port 5001), an optional
 * {@code Authorization} header value for an API behind a proxy ({@code IPFS_API_AUTH}), the gateway proofs are read
 * back through ({@code IPFS_GATEWAY}, Kubo's port 8080 by default), and the timeout of each call.
 */
public record KuboSettings(URI apiUrl, Optional<Secret> authorization, URI gateway, Duration timeout) {}
