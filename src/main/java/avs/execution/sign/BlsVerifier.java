package avs.execution.sign;

import avs.execution.sign.bn254.Bn254;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a BLS sendTask signature as the Othentic network does: e(σ, G2) = e(H(m), pk) for the performer's key. */
public final class BlsVerifier {
  private static final Pattern SIGNATURE = Pattern.compile("\\{\"x\":\"0x([0-9a-f]{64})\",\"y\":\"0x([0-9a-f]{64})\"}");

  private BlsVerifier() {}

  /**
   * @throws IllegalArgumentException if the signature is not the protocol's {@code {"x":"0x…","y":"0x…"}} string
   */
  public static boolean verify(TaskMessage message, String signatureJson, Bn254.G2Point publicKey) {
    Matcher m = SIGNATURE.matcher(signatureJson);
    if (!m.matches()) {
      throw new IllegalArgumentException("a BLS signature is the string {\"x\":\"0x<64 hex>\",\"y\":\"0x<64 hex>\"} (lower case, no spaces)");
    }
    Bn254.G1Point sigma = new Bn254.G1Point(new BigInteger(m.group(1), 16), new BigInteger(m.group(2), 16));
    return Bn254.verify(sigma, message.hash(), BlsSigner.DOMAIN, publicKey);
  }
}
