package avs.execution.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The L2 chains this operator serves, from L2_CHAIN (comma-separated names or numeric ids, as the Othentic node
 * reads it; the first is the node's default). Empty means no check: the node decides.
 */
public record TargetChains(Map<Long, String> served) {
  /** Chain names the Othentic CLI and docs use, with their chain ids. */
  private static final Map<String, Long> KNOWN = Map.ofEntries(
      Map.entry("mainnet", 1L), Map.entry("ethereum", 1L), Map.entry("sepolia", 11155111L), Map.entry("holesky", 17000L),
      Map.entry("base", 8453L), Map.entry("base-sepolia", 84532L), Map.entry("amoy", 80002L), Map.entry("polygon", 137L),
      Map.entry("arbitrum", 42161L), Map.entry("arbitrum-sepolia", 421614L), Map.entry("optimism", 10L),
      Map.entry("optimism-sepolia", 11155420L), Map.entry("op-sepolia", 11155420L), Map.entry("bsc", 56L),
      Map.entry("bsc-testnet", 97L), Map.entry("linea", 59144L), Map.entry("linea-sepolia", 59141L));

  public static final TargetChains ANY = new TargetChains(Map.of());

  /** @throws IllegalArgumentException naming the entry that is neither a known chain name nor a numeric id */
  static TargetChains parse(String spec) {
    Map<Long, String> served = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String name = entry.strip().toLowerCase();
      if (name.isEmpty()) {
        continue;
      }
      Long id = name.matches("[0-9]{1,18}") ? Long.valueOf(name) : KNOWN.get(name);
      if (id == null) {
        throw new IllegalArgumentException("L2_CHAIN names unknown chain \"" + entry.strip() + "\": use its numeric chain id, or one of "
            + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet())));
      }
      served.putIfAbsent(id, name);
    }
    return new TargetChains(java.util.Collections.unmodifiableMap(served));
  }

  /** Empty when the chain is served (or no list is configured); otherwise the reason, for a 400. */
  public Optional<String> refusal(long chainId) {
    if (served.isEmpty() || served.containsKey(chainId)) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    served.forEach((id, name) -> names.add(name.equals(Long.toString(id)) ? name : name + " (" + id + ")"));
    return Optional.of("chain " + chainId + " is not served by this operator (L2_CHAIN: " + String.join(", ", names) + ")");
  }
}
