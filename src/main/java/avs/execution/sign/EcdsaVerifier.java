package avs.execution.sign;

import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Sign;

/** Recovers the signer of an ECDSA sendTask signature, as the Othentic network does to check the performer. */
public final class EcdsaVerifier {
  private EcdsaVerifier() {}

  /** The EIP-55 address that produced {@code signatureHex} (0x + 130 hex) over the 32-byte hash. */
  public static String recoverAddress(byte[] hash, String signatureHex) {
    byte[] signature = Hex.decode(signatureHex);
    if (signature.length != 65) {
      throw new IllegalArgumentException("an ECDSA signature is 65 bytes (0x + 130 hex), got " + signature.length);
    }
    int v = signature[64] & 0xff;
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("the signature's v must be 27 or 28, got " + v);
    }
    Sign.SignatureData data = new Sign.SignatureData(
        signature[64], Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
    try {
      return EthAddress.of(Sign.signedMessageHashToKey(hash, data));
    } catch (SignatureException | RuntimeException e) {
      throw new IllegalArgumentException("the signature does not recover to any key: " + e.getMessage(), e);
    }
  }
}
