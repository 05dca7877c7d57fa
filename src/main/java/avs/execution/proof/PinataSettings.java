package avs.execution.proof;

import avs.execution.logging.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Pinata credentials (an API key and secret, or a JWT), its API base, the gateway proofs are read back from, the timeout. */
public record PinataSettings(
    URI apiUrl,
    Optional<String> apiKey,
    Optional<Secret> apiSecret,
    Optional<Secret> jwt,
    Optional<URI> gateway,
    Duration timeout) {}
