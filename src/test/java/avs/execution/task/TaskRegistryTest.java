package avs.execution.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.NotFound;
import avs.execution.support.FakeTaskDefinition;
import avs.execution.support.FakeTasks;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class TaskRegistryTest {
  private static final FakeTaskDefinition TASK = new FakeTaskDefinition("t");

  @Test
  void eachIdHasItsTaskAndTheCatchAllTheRestButNotTheNodesOwnIds() {
    FakeTaskDefinition other = new FakeTaskDefinition("other");
    TaskRegistry registry = FakeTasks.registry("7=other,*=t", Map.of("t", TASK, "other", other));
    assertThat(registry.lookup(7)).contains(other);
    assertThat(registry.lookup(8)).contains(TASK);
    assertThat(registry.lookup(10002)).isEmpty();
    assertThatThrownBy(() -> registry.find(10001)).isInstanceOf(NotFound.class).hasMessageContaining("the Othentic node's own internal tasks");
    assertThat(registry.describe()).isEqualTo("7=other,*=t");
    assertThat(registry.entry(7).spec().name()).isEqualTo("other");
  }

  @Test
  void withoutACatchAllAnUnknownIdIsNotFoundNamingTheRegisteredOnes() {
    TaskRegistry registry = FakeTasks.registry("1=t", Map.of("t", TASK));
    assertThatThrownBy(() -> registry.find(2)).isInstanceOf(NotFound.class).hasMessageContaining("registered: 1=t");
  }

  @Test
  void unknownKindsAndIdsGivenTwiceAreReportedTogetherWithTheirPlaces() {
    var empty = JsonNodeFactory.instance.objectNode();
    List<TaskSpec> specs = List.of(
        new TaskSpec(OptionalInt.of(1), "a", "nope", empty, empty, DataPlacement.INLINE, "tasks[0]"),
        new TaskSpec(OptionalInt.of(2), "b", "nope", empty, empty, DataPlacement.INLINE, "tasks[1]"),
        new TaskSpec(OptionalInt.of(2), "c", "nope", empty, empty, DataPlacement.INLINE, "tasks[2]"));
    assertThatThrownBy(() -> new TaskKinds(List.of()).create(specs, FakeTasks.context()))
        .isInstanceOfSatisfying(InvalidTaskSpec.class, e -> assertThat(e.problems()).containsExactly(
            "tasks[0]: unknown kind of task \"nope\" (known: )",
            "tasks[1]: unknown kind of task \"nope\" (known: )",
            "tasks[2].id: 2 is given to two tasks"));
  }

  @Test
  void closingTheRegistryClosesEveryTask() {
    FakeTaskDefinition closing = new FakeTaskDefinition("closing");
    FakeTasks.registry("1=closing", Map.of("closing", closing)).close();
    assertThat(closing.closed).isTrue();
  }
}
