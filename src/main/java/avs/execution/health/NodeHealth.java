package avs.execution.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's health from its backing services: unhealthy when a critical one is down, partially healthy when any
 * other is down or any is degraded, healthy otherwise.
 */
public final class NodeHealth {
  private final List<HealthCheck> checks;

  public NodeHealth(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public List<HealthCheck> checks() {
    return checks;
  }

  public Optional<HealthCheck> find(String id) {
    return checks.stream().filter(check -> check.id().equals(id)).findFirst();
  }

  /** Runs every check once. */
  public Map<HealthCheck, Health> checkAll() {
    Map<HealthCheck, Health> results = new LinkedHashMap<>();
    for (HealthCheck check : checks) {
      results.put(check, check.check());
    }
    return results;
  }

  /** The node's verdict from the results of {@link #checkAll()}. */
  public static Health.Level overall(Map<HealthCheck, Health> results) {
    Health.Level level = Health.Level.UP;
    for (var result : results.entrySet()) {
      Health.Level seen = result.getValue().level();
      if (seen == Health.Level.DOWN && result.getKey().critical()) {
        return Health.Level.DOWN;
      }
      if (seen != Health.Level.UP) {
        level = Health.Level.PARTIAL;
      }
    }
    return level;
  }
}
