package avs.execution.sign;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * Ethereum addresses: the last 20 bytes of the Keccak-256 of a public key, written in EIP-55 mixed case. This is
 * what web3j's {@code Keys.getAddress} and {@code Keys.toChecksumAddress} do; that class is not used because its
 * initialiser registers BouncyCastle as a JCA provider, which loads some 600 classes we never use and took about
 * half a second of every cold start (docs/benchmarks.md, "Start in the container image").
 */
public final class EthAddress {
  private static final HexFormat HEX = HexFormat.of();
  private static final int PUBLIC_KEY_BYTES = 64;

  private EthAddress() {}

  /** The EIP-55 address of an uncompressed public key given as the integer x‖y (64 bytes, big-endian). */
  public static String of(BigInteger publicKey) {
    byte[] magnitude = publicKey.toByteArray();
    int skip = magnitude.length > PUBLIC_KEY_BYTES ? magnitude.length - PUBLIC_KEY_BYTES : 0;
    if (publicKey.signum() < 0 || magnitude.length - skip > PUBLIC_KEY_BYTES
        || (skip > 0 && magnitude[0] != 0)) {
      throw new IllegalArgumentException("a public key is a non-negative integer of at most 64 bytes");
    }
    byte[] key = new byte[PUBLIC_KEY_BYTES];
    int length = magnitude.length - skip;
    System.arraycopy(magnitude, skip, key, PUBLIC_KEY_BYTES - length, length);
    byte[] hash = Hash.sha3(key);
    return checksummed("0x" + HEX.formatHex(hash, hash.length - 20, hash.length));
  }

  /**
   * {@code 0x} + 40 hex digits in any case, written as EIP-55 says: a letter is upper case where the matching hex
   * digit of the Keccak-256 of the lower-case digits (as ASCII) is 8 or more.
   */
  public static String checksummed(String address) {
    if (address.length() != 42 || !address.startsWith("0x")) {
      throw new IllegalArgumentException("an address is 0x followed by 40 hex digits");
    }
    String lower = address.substring(2).toLowerCase(Locale.ROOT);
    byte[] hash = Hash.sha3(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < 40; i++) {
      char c = lower.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) { // ASCII only: Character.digit takes other scripts' digits
        throw new IllegalArgumentException("an address is 0x followed by 40 hex digits; position " + (i + 3)
            + " is not one");
      }
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
