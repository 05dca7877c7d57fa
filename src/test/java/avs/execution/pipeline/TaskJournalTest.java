package avs.execution.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskJournalTest {
  private final TaskJournal journal = new TaskJournal();
  private final Instant now = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void keepsEachTasksStepsInOrder() {
    journal.record("a", now, "executed", "ETHUSDT 1");
    journal.record("b", now, "executed", "other");
    journal.record("a", now.plusMillis(5), "signed", "by 0x1");
    assertThat(journal.steps("a")).extracting(TaskJournal.Step::what).containsExactly("executed", "signed");
    assertThat(journal.steps("unknown")).isEmpty();
  }

  @Test
  void forgetsTheOldestTasksAndKeepsATasksFirstAndNewestSteps() {
    for (int i = 0; i <= TaskJournal.TASKS; i++) {
      journal.record("task-" + i, now, "executed", "");
    }
    assertThat(journal.steps("task-0")).isEmpty();
    assertThat(journal.steps("task-" + TaskJournal.TASKS)).hasSize(1);
    for (int i = 0; i < 3 * TaskJournal.STEPS_PER_TASK; i++) {
      journal.record("busy", now.plusMillis(i), "sent (attempt " + (i + 1) + ")", "");
    }
    var steps = journal.steps("busy");
    assertThat(steps).hasSize(TaskJournal.STEPS_PER_TASK);
    assertThat(steps.get(0).what()).isEqualTo("sent (attempt 1)");
    assertThat(steps.get(steps.size() - 1).what()).isEqualTo("sent (attempt " + 3 * TaskJournal.STEPS_PER_TASK + ")");
  }
}
