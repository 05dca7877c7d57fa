package avs.execution.sign.bn254;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The public keys a verifier has seen, each checked once (on the twist and in the order-r subgroup, ~4 ms) and
 * prepared for the Miller loop: a devnet or an attester meets the same few performers' keys on every task. Least
 * recently used keys go first past the capacity; an invalid key is remembered as invalid.
 */
final class PreparedKeys {
  private final Map<Bn254.G2Point, Optional<Pairing.PreparedG2>> keys;

  PreparedKeys(int capacity) {
    this.keys = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Bn254.G2Point, Optional<Pairing.PreparedG2>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The prepared key, or null when prepare says the key is not a usable public key. */
  synchronized Pairing.PreparedG2 get(Bn254.G2Point key, Function<Bn254.G2Point, Pairing.PreparedG2> prepare) {
    return keys.computeIfAbsent(key, k -> Optional.ofNullable(prepare.apply(k))).orElse(null);
  }

  synchronized int size() {
    return keys.size();
  }
}
