package avs.execution.trigger;

import avs.execution.task.InvalidTaskSpec;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The running triggers of the tasks file (schedules, blocks, events), started together, shown by {@code GET /triggers}. */
public final class Triggers implements AutoCloseable {
  private final List<Trigger> running;

  private Triggers(List<Trigger> running) {
    this.running = running;
  }

  public static Triggers none() {
    return new Triggers(List.of());
  }

  /**
   * Makes and starts every trigger.
   *
   * @throws InvalidTaskSpec with every problem of every trigger, each with its place; nothing is started then
   */
  public static Triggers start(List<TriggerSpec> specs, HttpClient http, Clock clock, Firing firing, BiConsumer<Integer, JsonNode> checkInput,
      TriggerCursors cursors, String performer, TriggerMetrics metrics) {
    TriggerFactory factory = new TriggerFactory(new TriggerFactory.Context(http, clock, firing, checkInput, cursors, performer, metrics));
    List<String> problems = new ArrayList<>();
    List<LoopingTrigger> made = new ArrayList<>();
    for (TriggerSpec spec : specs) {
      factory.create(spec, problems).ifPresent(made::add);
    }
    if (!problems.isEmpty()) {
      throw new InvalidTaskSpec(problems);
    }
    made.forEach(LoopingTrigger::start);
    return new Triggers(List.copyOf(made));
  }

  public List<ObjectNode> describe() {
    return running.stream().map(Trigger::describe).toList();
  }

  public int size() {
    return running.size();
  }

  @Override
  public void close() {
    running.forEach(Trigger::close);
  }
}
