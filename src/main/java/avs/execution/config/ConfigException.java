package avs.execution.config;

import java.util.List;

/** Start-up configuration problems, one line each, every line naming its variable. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("configuration problems:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
