package avs.execution.devnet;

/** One attester's answer about one task: approve, refuse, or no vote (its validation service could not decide). */
public record Vote(String attester, Kind kind, String reason) {
  public enum Kind { APPROVE, REFUSE, NONE }
}
