package avs.execution.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.NotFound;
import avs.execution.support.FakeTaskDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
  private static final TaskDefinition TASK = new FakeTaskDefinition("t");

  @Test
  void theNodesOwnTaskIdsCannotBeConfigured() {
    for (String id : new String[] {"10001", "10002", "10003"}) {
      assertThatThrownBy(() -> TaskRegistry.parse(id + "=t", Map.of("t", TASK)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("TASK_DEFINITIONS id " + id + " is reserved for the Othentic node's own internal tasks");
    }
    assertThat(TaskRegistry.parse("10000=t,10004=t", Map.of("t", TASK)).lookup(10004)).contains(TASK);
  }

  @Test
  void evenTheCatchAllDoesNotRunThem() {
    TaskRegistry registry = TaskRegistry.parse("*=t", Map.of("t", TASK));
    assertThat(registry.lookup(7)).contains(TASK);
    assertThat(registry.lookup(10002)).isEmpty();
    assertThatThrownBy(() -> registry.find(10001)).isInstanceOf(NotFound.class).hasMessageContaining("the Othentic node's own internal tasks");
  }
}
