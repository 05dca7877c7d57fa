package avs.execution.cli;

import avs.execution.devnet.Devnet;
import avs.execution.devnet.NodeStandIn;
import avs.execution.devnet.Outcome;
import avs.execution.devnet.ReceivedTask;
import avs.execution.devnet.Vote;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * Prints each task's journey through the devnet as it happens, one line per step, each labelled with the start of
 * the task's proof CID, and counts how tasks ended: the performer's own apart from other performers'.
 */
final class JourneyPrinter implements Devnet.Events {
  private final PrintStream out;
  private final Map<Outcome.Kind, Integer> ours = new EnumMap<>(Outcome.Kind.class);
  private final Map<Outcome.Kind, Integer> others = new EnumMap<>(Outcome.Kind.class);
  private volatile String performer = "";

  JourneyPrinter(PrintStream out) {
    this.out = out;
  }

  void performer(String address) {
    this.performer = address;
  }

  @Override
  public void received(ReceivedTask task) {
    String type = task.signature().startsWith("{") ? "bls" : "ecdsa";
    line(task, task.accepted()
        ? "signed (" + type + ") by " + task.performer() + " → received by the aggregator: " + task.verdict()
        : "REFUSED by the aggregator (" + type + ", performer " + task.performer() + "): " + task.verdict());
  }

  @Override
  public void voted(ReceivedTask task, Vote vote) {
    String mark = switch (vote.kind()) {
      case APPROVE -> "✓ approves";
      case REFUSE -> "✗ refuses";
      case NONE -> "– no vote";
    };
    line(task, vote.attester() + " " + mark + ": " + vote.reason());
  }

  @Override
  public void decided(ReceivedTask task, Outcome outcome) {
    synchronized (this) {
      (task.performer().equalsIgnoreCase(performer) ? ours : others).merge(outcome.kind(), 1, Integer::sum);
    }
    switch (outcome.kind()) {
      case ATTESTED -> line(task, "ATTESTED — " + outcome.tally());
      case REJECTED -> line(task, "REJECTED — " + outcome.tally());
      case NO_QUORUM -> line(task, "NO QUORUM — " + outcome.tally());
      case REFUSED -> { } // the refusal line said it
    }
  }

  @Override
  public void gossiped(NodeStandIn.CustomMessage message, int deliveredTo, int attesters) {
    print("custom message of " + message.data().length + " bytes" + message.taskDefinitionId().stream()
        .mapToObj(id -> " for task definition " + id).findFirst().orElse("") + " gossiped to " + deliveredTo + " of " + attesters
        + " attesters' /p2p/message");
  }

  synchronized int ours(Outcome.Kind kind) {
    return ours.getOrDefault(kind, 0);
  }

  /** How many of this performer's tasks the network decided, one way or another. */
  synchronized int decidedOurs() {
    return ours.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Prints the summary; true when every task of the performer ended as this devnet's setup says it should (tasks
   * triggered on demand, with curl, count with the rest).
   */
  boolean summary(int triggered, Devnet.DishonestPerformer cheat) {
    int attested = ours(Outcome.Kind.ATTESTED);
    int rejected = ours(Outcome.Kind.REJECTED);
    int refused = ours(Outcome.Kind.REFUSED);
    int noQuorum = ours(Outcome.Kind.NO_QUORUM);
    int decided = attested + rejected + refused + noQuorum;
    out.println();
    out.printf("== %d triggered%s: %d attested, %d rejected by the attesters, %d refused by the aggregator, %d without quorum, %d undecided ==%n",
        triggered, decided > triggered ? " (and " + (decided - triggered) + " on demand)" : "", attested, rejected, refused, noQuorum,
        Math.max(0, triggered - decided));
    if (othersTotal() > 0) {
      out.printf("   other performers: %d attested, %d rejected, %d refused by the aggregator, %d without quorum%n",
          others(Outcome.Kind.ATTESTED), others(Outcome.Kind.REJECTED), others(Outcome.Kind.REFUSED), others(Outcome.Kind.NO_QUORUM));
    }
    boolean expected = decided >= triggered && (cheat == Devnet.DishonestPerformer.NONE ? attested == decided : rejected + refused == decided);
    out.println(expected
        ? (cheat == Devnet.DishonestPerformer.NONE ? "   every task was attested." : "   every task of the dishonest performer was stopped, as it should be.")
        : "   NOT every task ended as expected: see the lines above.");
    out.flush();
    return expected;
  }

  synchronized int others(Outcome.Kind kind) {
    return others.getOrDefault(kind, 0);
  }

  synchronized int othersTotal() {
    return others.values().stream().mapToInt(Integer::intValue).sum();
  }

  void print(String text) {
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }

  private void line(ReceivedTask task, String text) {
    print("  " + label(task.proofOfTask()) + "  " + text);
  }

  static String label(String proofOfTask) {
    return proofOfTask.length() <= 10 ? proofOfTask : proofOfTask.substring(0, 10) + "…";
  }
}
