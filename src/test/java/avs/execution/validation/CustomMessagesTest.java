package avs.execution.validation;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.FakeTaskDefinition;
import avs.execution.support.FakeTasks;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Node 1.1 sends a custom message for one task definition: only that definition's handler hears it. */
class CustomMessagesTest {
  @Test
  void aMessageForOneTaskDefinitionReachesOnlyIt() {
    FakeTaskDefinition keeper = new FakeTaskDefinition("keeper");
    FakeTaskDefinition beacon = new FakeTaskDefinition("beacon");
    CustomMessages messages = new CustomMessages(FakeTasks.registry("1=keeper,2=beacon", Map.of("keeper", keeper, "beacon", beacon)),
        Clock.systemUTC());
    assertThat(messages.receive(new byte[2], OptionalInt.of(2))).isEqualTo(1);
    assertThat(messages.receive(new byte[3], OptionalInt.empty())).isEqualTo(2);
    assertThat(messages.receive(new byte[4], OptionalInt.of(9))).isZero();
    assertThat(keeper.heard).containsExactly(3);
    assertThat(beacon.heard).containsExactly(2, 3);
    assertThat(messages.total()).isEqualTo(3);
  }
}
