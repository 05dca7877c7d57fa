package avs.execution.sign;

import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * A secp256k1 private key with its EIP-55 address. {@link #toString()} shows the address only; parse errors
 * describe the problem (length, characters) without ever repeating the key.
 */
public final class Secp256k1Key {
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private final BigInteger secret;
  private final String address;

  private Secp256k1Key(BigInteger secret) {
    this.secret = secret;
    this.address = EthAddress.of(ECKeyPair.create(secret).getPublicKey());
  }

  /**
   * Parses {@code 0x} + 64 hex digits (or the 64 digits alone).
   *
   * @param source what to name in errors, e.g. "PRIVATE_KEY_PERFORMER"
   */
  public static Secp256k1Key parse(String text, String source) {
    String digits = text.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(source + " has a character that is not a hex digit at position " + (i + 1)
            + " after 0x: it must be 0x followed by 64 hex digits");
      }
    }
    if (digits.length() != 64) {
      throw new IllegalArgumentException(source + " is not 32 bytes of hex (got " + digits.length()
          + " hex digits, need 64): check the .env file or the key file");
    }
    BigInteger secret = new BigInteger(digits, 16);
    if (secret.signum() == 0 || secret.compareTo(N) >= 0) {
      throw new IllegalArgumentException(source + " is not a valid secp256k1 key (zero or not below the curve order)");
    }
    return new Secp256k1Key(secret);
  }

  BigInteger secret() {
    return secret;
  }

  public String address() {
    return address;
  }

  @Override
  public String toString() {
    return "Secp256k1Key[" + address + "]";
  }
}
