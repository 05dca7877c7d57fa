package avs.execution.task;

/** An attester's answer about one proof: approve or refuse, and why, in words an operator can act on. */
public record Verdict(boolean approved, String reason) {
  public static Verdict approve(String reason) {
    return new Verdict(true, reason);
  }

  public static Verdict refuse(String reason) {
    return new Verdict(false, reason);
  }
}
