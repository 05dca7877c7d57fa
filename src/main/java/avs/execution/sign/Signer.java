package avs.execution.sign;

/** Signs task messages as one performer. */
public interface Signer {
  /** The address sent as sendTask's performerAddress and signed into the message. */
  String performerAddress();

  SignatureType type();

  SignedTask sign(TaskMessage message);
}
