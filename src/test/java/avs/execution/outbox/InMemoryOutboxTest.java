package avs.execution.outbox;

import avs.execution.support.InMemoryOutbox;

/** The outbox contract on the in-memory fake the pipeline's unit tests use, so that the fake is what it stands for. */
class InMemoryOutboxTest extends OutboxContract {
  private InMemoryOutbox current;

  @Override
  Outbox open(boolean fresh) {
    current = fresh ? new InMemoryOutbox(clock) : current.reopen();
    return current;
  }
}
