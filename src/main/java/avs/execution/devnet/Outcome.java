package avs.execution.devnet;

import java.util.List;

/**
 * How the stand-in network decided a task: refused by the aggregator (its signature or performer did not check out,
 * so no attester was asked), attested when at least 2/3 of the attesters approve, rejected when more than 1/3
 * refuse, otherwise no quorum (too many attesters gave no vote).
 */
public record Outcome(Kind kind, List<Vote> votes) {
  public enum Kind { REFUSED, ATTESTED, REJECTED, NO_QUORUM }

  public static Outcome refused() {
    return new Outcome(Kind.REFUSED, List.of());
  }

  public static Outcome of(List<Vote> votes) {
    int n = votes.size();
    long approvals = count(votes, Vote.Kind.APPROVE);
    long refusals = count(votes, Vote.Kind.REFUSE);
    Kind kind = 3 * approvals >= 2L * n ? Kind.ATTESTED : 3 * refusals > n ? Kind.REJECTED : Kind.NO_QUORUM;
    return new Outcome(kind, List.copyOf(votes));
  }

  public long approvals() {
    return count(votes, Vote.Kind.APPROVE);
  }

  public long refusals() {
    return count(votes, Vote.Kind.REFUSE);
  }

  /** "3 of 3 approve", "2 of 3 refuse, 1 no vote": the tally in words. */
  public String tally() {
    long none = count(votes, Vote.Kind.NONE);
    String text = approvals() + " approve, " + refusals() + " refuse";
    return (none > 0 ? text + ", " + none + " no vote" : text) + " (of " + votes.size() + ")";
  }

  private static long count(List<Vote> votes, Vote.Kind kind) {
    return votes.stream().filter(v -> v.kind() == kind).count();
  }
}
