package avs.execution.task.adapter;

import avs.execution.json.Json;
import avs.execution.task.DataPlacement;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskSpec;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * An adapter called from elsewhere than its own task: a pipeline's {@code adapter:} step. The same settings, the same
 * contract (an {@code execute} request, {@code {"data","proof"}} back) and the same transports as an adapter task.
 */
public final class AdapterCall implements AutoCloseable {
  /** What the adapter answered: its data and its own proof. */
  public record Answer(byte[] data, JsonNode proof) {}

  private final AdapterTransport transport;
  private final AdapterMetrics metrics;
  private final String name;
  private final String upstream;

  private AdapterCall(AdapterTransport transport, AdapterMetrics metrics, String name) {
    this.transport = transport;
    this.metrics = metrics;
    this.name = name;
    this.upstream = "adapter " + name;
  }

  /**
   * The adapter its settings describe (as under {@code adapter:} in the tasks file).
   *
   * @throws avs.execution.task.InvalidTaskSpec naming each problem at {@code place}
   */
  public static AdapterCall create(String name, JsonNode settings, String place, TaskContext context) {
    TaskSpec spec = new TaskSpec(OptionalInt.empty(), name, AdapterFactory.KIND, settings, Json.object(), DataPlacement.INLINE,
        place.endsWith(".adapter") ? place.substring(0, place.length() - ".adapter".length()) : place);
    return new AdapterCall(new AdapterFactory().transport(spec, context), AdapterMetrics.of(context.metrics()), name);
  }

  /** One execute call; an UpstreamFailure when the adapter fails, times out or answers outside the contract. */
  public Answer execute(String taskId, int taskDefinitionId, JsonNode input, JsonNode params) {
    long start = System.nanoTime();
    boolean ok = false;
    try {
      var request = AdapterProtocol.executeRequest(taskId, taskDefinitionId, OptionalLong.empty(), input, params);
      AdapterProtocol.Executed executed = AdapterProtocol.executed(AdapterProtocol.parse(transport.call(Json.bytes(request)), upstream), upstream);
      ok = true;
      return new Answer(executed.data(), executed.proof());
    } finally {
      metrics.called(name, "execute", ok, start);
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
