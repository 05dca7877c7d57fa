package avs.execution.sign.bn254;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashing to G1 the way mcl does with map mode "original" (the scheme of Hubble's BLS.sol): expand_message_xmd with
 * SHA-256 (RFC 9380 §5.3.1) to two field elements, each mapped with Fouque–Tibouchi (Shallue–van de Woestijne for
 * BN curves), the two points added.
 */
final class HashToG1 {
  static final Fp B = Fp.of(3);
  private static final Fp Z0 = Fp.hex("0000000000000000b3c4d79d41a91759a9e4c7e359b6b89eaec68e62effffffd"); // sqrt(−3)
  private static final Fp Z1 = Fp.hex("000000000000000059e26bcea0d48bacd4f263f1acdb5c4f5763473177fffffe"); // (Z0 − 1) / 2
  private static final Fp FOUR = Fp.of(4);

  private HashToG1() {}

  static JacobianPoint<Fp> hash(byte[] message, byte[] dst) {
    byte[] uniform = expandMessageXmd(message, dst, 96);
    Fp t0 = Fp.of(new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 0, 48)));
    Fp t1 = Fp.of(new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 48, 96)));
    return map(t0).add(map(t1));
  }

  /** RFC 9380 §5.3.1 with SHA-256 (b_in_bytes 32, r_in_bytes 64). */
  static byte[] expandMessageXmd(byte[] message, byte[] dst, int length) {
    if (dst.length > 255 || length > 255 * 32) {
      throw new IllegalArgumentException("DST longer than 255 bytes or output too long");
    }
    int blocks = (length + 31) / 32;
    byte[] dstPrime = new byte[dst.length + 1];
    System.arraycopy(dst, 0, dstPrime, 0, dst.length);
    dstPrime[dst.length] = (byte) dst.length;
    MessageDigest sha = sha256();
    sha.update(new byte[64]); // Z_pad
    sha.update(message);
    sha.update(new byte[] {(byte) (length >>> 8), (byte) length, 0});
    sha.update(dstPrime);
    byte[] b0 = sha.digest();
    byte[] out = new byte[blocks * 32];
    byte[] previous = new byte[32];
    for (int i = 1; i <= blocks; i++) {
      byte[] input = new byte[32];
      for (int j = 0; j < 32; j++) {
        input[j] = (byte) (b0[j] ^ (i == 1 ? 0 : previous[j]));
      }
      sha.update(input);
      sha.update((byte) i);
      sha.update(dstPrime);
      previous = sha.digest();
      System.arraycopy(previous, 0, out, (i - 1) * 32, 32);
    }
    return java.util.Arrays.copyOf(out, length);
  }

  /** mcl's BN "original" map of a field element to a G1 point (PROTOCOL.md §3.3 C). */
  static JacobianPoint<Fp> map(Fp t) {
    if (t.isZero()) {
      Fp y = curveRhs(Z1).sqrt(); // mcl maps 0 to x = Z1; unreachable for hashed input
      return JacobianPoint.affine(Z1, y, Fp.ONE);
    }
    boolean sign = t.isSquare();
    Fp a0 = t.square().add(FOUR);
    Fp w = Z0.multiply(t).multiply(a0.invert());
    Fp x1 = Z1.subtract(t.multiply(w));
    Fp x = x1;
    if (!curveRhs(x).isSquare()) {
      x = x1.add(Fp.ONE).negate(); // x2 = −1 − x1
      if (!curveRhs(x).isSquare()) {
        x = Fp.ONE.add(w.square().invert()); // x3 = 1 + 1/w²
      }
    }
    Fp y = curveRhs(x).sqrt();
    return JacobianPoint.affine(x, sign ? y : y.negate(), Fp.ONE);
  }

  private static Fp curveRhs(Fp x) {
    return x.square().multiply(x).add(B);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
