package avs.execution.trigger;

/**
 * Whether this service is the performer for a firing: {@code always}, or {@code roundRobin} (the operator the
 * AttestationCenter lists at {@code slot % operators} is this performer, as the PRNG example elects its leader).
 * The operators that are not elected never send; they count the firing as {@code not_leader}.
 */
@FunctionalInterface
public interface PerformerGate {
  PerformerGate ALWAYS = slot -> true;

  /**
   * @throws RuntimeException when the election cannot be read now (the chain is unreachable): the firing is retried
   */
  boolean elected(long slot);
}
