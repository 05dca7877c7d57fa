package avs.execution.sign;

import avs.execution.sign.bn254.Bn254;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/**
 * BLS over BN254 as Othentic's network checks it (PROTOCOL.md §3.3): the secret key is derived from the key
 * <em>string</em>, the message hash is hashed to G1 with mcl's original map under the "TasksManager" domain, and the
 * signature travels as the JSON string {@code {"x":"0x…","y":"0x…"}}. The performer address is the controller key's,
 * given, not derived.
 */
public final class BlsSigner implements Signer {
  /** keccak256("TasksManager"), the hash-to-field domain of Othentic's contracts. */
  public static final byte[] DOMAIN = Hash.sha3("TasksManager".getBytes(StandardCharsets.US_ASCII));
  private final Bn254.SigningKey signingKey;
  private final String performerAddress;

  private BlsSigner(BigInteger secretKey, String performerAddress) {
    this.signingKey = Bn254.signingKey(secretKey);
    this.performerAddress = performerAddress;
  }

  /**
   * @param keyText the consensus key exactly as configured (its spelling matters: see {@link #isCanonical})
   * @param performerAddress the controller key's address, sent as sendTask's performerAddress
   */
  public static BlsSigner fromKeyText(String keyText, String performerAddress) {
    return new BlsSigner(Bn254.secretKey(keyText), performerAddress);
  }

  /** Whether a key string is 0x + lower-case hex, the form ethers and otcli generate. Other spellings are other BLS keys. */
  public static boolean isCanonical(String keyText) {
    return keyText.matches("0x[0-9a-f]+");
  }

  @Override
  public String performerAddress() {
    return performerAddress;
  }

  @Override
  public SignatureType type() {
    return SignatureType.BLS;
  }

  @Override
  public SignedTask sign(TaskMessage message) {
    Bn254.G1Point sigma = Bn254.sign(signingKey, message.hash(), DOMAIN);
    return new SignedTask(message, signatureJson(sigma), SignatureType.BLS);
  }

  /** The public key in the on-chain order [x.re, x.im, y.re, y.im]. */
  public Bn254.G2Point publicKey() {
    return Bn254.publicKey(signingKey.secretKey());
  }

  static String signatureJson(Bn254.G1Point sigma) {
    return "{\"x\":\"" + hex32(sigma.x()) + "\",\"y\":\"" + hex32(sigma.y()) + "\"}";
  }

  /** 0x + 64 lower-case hex digits (value < 2²⁵⁶, non-negative). */
  public static String hex32(BigInteger value) {
    String digits = value.toString(16);
    return "0x" + "0".repeat(64 - digits.length()) + digits;
  }

  @Override
  public String toString() {
    return "BlsSigner[performer " + performerAddress + "]";
  }
}
