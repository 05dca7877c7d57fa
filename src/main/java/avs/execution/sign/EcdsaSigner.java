package avs.execution.sign;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Sign;

/**
 * secp256k1 over the 32-byte message hash itself (no EIP-191 prefix), RFC 6979 nonce, low s, serialised
 * r ‖ s ‖ v with v = 27 + recovery id: byte for byte what ethers' {@code SigningKey.sign(hash).serialized} gives.
 * The recovery id comes from the nonce point R directly instead of trial public-key recoveries, which is what
 * makes this several times faster than the generic web3j path.
 */
public final class EcdsaSigner implements Signer {
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);
  private final Secp256k1Key key;

  public EcdsaSigner(Secp256k1Key key) {
    this.key = key;
  }

  @Override
  public String performerAddress() {
    return key.address();
  }

  @Override
  public SignatureType type() {
    return SignatureType.ECDSA;
  }

  @Override
  public SignedTask sign(TaskMessage message) {
    return new SignedTask(message, Hex.encode(signHash(message.hash())), SignatureType.ECDSA);
  }

  /** The 65-byte r ‖ s ‖ v signature of a 32-byte hash. */
  public byte[] signHash(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("ECDSA signs a 32-byte hash, got " + hash.length + " bytes");
    }
    BigInteger d = key.secret();
    BigInteger e = new BigInteger(1, hash);
    HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
    nonces.init(N, d, hash);
    while (true) {
      BigInteger k = nonces.nextK();
      ECPoint p = Secp256k1BaseTable.multiply(k).normalize();
      BigInteger x = p.getAffineXCoord().toBigInteger();
      BigInteger r = x.mod(N);
      if (r.signum() == 0) {
        continue;
      }
      // constant-time inverse of the secret nonce (BigInteger.modInverse is variable-time, and slower)
      BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
      if (s.signum() == 0) {
        continue;
      }
      int recoveryId = (p.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
      if (s.compareTo(HALF_N) > 0) {
        s = N.subtract(s);
        recoveryId ^= 1;
      }
      byte[] out = new byte[65];
      copy32(r, out, 0);
      copy32(s, out, 32);
      out[64] = (byte) (27 + recoveryId);
      return out;
    }
  }

  private static void copy32(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 32 ? bytes.length - 32 : 0;
    int length = bytes.length - skip;
    System.arraycopy(bytes, skip, out, offset + 32 - length, length);
  }
}
