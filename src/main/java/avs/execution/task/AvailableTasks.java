package avs.execution.task;

import avs.execution.config.ConfigException;
import avs.execution.config.Settings;
import avs.execution.task.price.BinancePriceFeed;
import avs.execution.task.price.PriceCheck;
import avs.execution.task.price.PriceOracleTask;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The task definitions this build ships, configured from the settings and mapped to ids by TASK_DEFINITIONS. */
public final class AvailableTasks {
  private AvailableTasks() {}

  /** The registry both services use: the code that executes a task is the code that validates it. */
  public static TaskRegistry registry(Settings settings, HttpClient http, Clock clock) {
    var feed = new BinancePriceFeed(http, settings.oracle().baseUrl(), settings.oracle().timeout(), clock);
    var check = new PriceCheck(settings.validation().allowedDeviation(), settings.validation().maxProofAge());
    Map<String, TaskDefinition> available = Map.of(
        PriceOracleTask.NAME, new PriceOracleTask(feed, settings.oracle().symbol(), check, clock));
    try {
      return TaskRegistry.parse(settings.taskDefinitions(), available);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
  }
}
