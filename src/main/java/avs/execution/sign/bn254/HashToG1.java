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
  private static final long[] Z0 = FpLimbs.toMontgomery(new BigInteger("0000000000000000b3c4d79d41a91759a9e4c7e359b6b89eaec68e62effffffd", 16)); // sqrt(−3)
  private static final long[] Z1 = FpLimbs.toMontgomery(new BigInteger("000000000000000059e26bcea0d48bacd4f263f1acdb5c4f5763473177fffffe", 16)); // (Z0 − 1) / 2
  private static final long[] ZERO = new long[4];
  private static final long[] THREE = FpLimbs.toMontgomery(BigInteger.valueOf(3));
  private static final long[] FOUR = FpLimbs.toMontgomery(BigInteger.valueOf(4));
  private static final BigInteger SQRT_EXPONENT = Fp.P.add(BigInteger.ONE).shiftRight(2);
  private static final BigInteger LEGENDRE_EXPONENT = Fp.P.subtract(BigInteger.ONE).shiftRight(1);

  private HashToG1() {}

  static G1Limbs hash(byte[] message, byte[] dst) {
    byte[] uniform = expandMessageXmd(message, dst, 96);
    G1Limbs point = map(new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 0, 48)).mod(Fp.P));
    point.addInPlace(map(new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 48, 96)).mod(Fp.P)));
    return point;
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

  /**
   * mcl's BN "original" map of a field element to a G1 point (PROTOCOL.md §3.3 C), on limbs. The square root of each
   * candidate's x³ + 3 doubles as its square test (y² = v exactly when v is a square), so each candidate costs one
   * exponentiation.
   */
  static G1Limbs map(BigInteger tValue) {
    long[] t = FpLimbs.toMontgomery(tValue);
    long[] y = new long[4];
    if (FpLimbs.isZero(t)) { // mcl maps 0 to x = Z1; unreachable for hashed input
      sqrtOfRhs(Z1, y);
      return point(Z1, y);
    }
    long[] legendre = new long[4];
    FpLimbs.pow(t, LEGENDRE_EXPONENT, legendre);
    boolean sign = FpLimbs.equal(legendre, FpLimbs.ONE);
    long[] a0 = new long[4];
    FpLimbs.square(t, a0);
    FpLimbs.add(a0, FOUR, a0);
    FpLimbs.invert(a0, a0);
    long[] w = new long[4];
    FpLimbs.multiply(Z0, t, w);
    FpLimbs.multiply(w, a0, w);                       // w = Z0·t / (t² + 4)
    long[] x = new long[4];
    FpLimbs.multiply(t, w, x);
    FpLimbs.subtract(Z1, x, x);                       // x1 = Z1 − t·w
    if (!sqrtOfRhs(x, y)) {
      FpLimbs.add(x, FpLimbs.ONE, x);
      FpLimbs.subtract(ZERO, x, x);                   // x2 = −1 − x1
      if (!sqrtOfRhs(x, y)) {
        FpLimbs.square(w, x);
        FpLimbs.invert(x, x);
        FpLimbs.add(x, FpLimbs.ONE, x);               // x3 = 1 + 1/w²
        sqrtOfRhs(x, y);
      }
    }
    if (!sign) {
      FpLimbs.subtract(ZERO, y, y);
    }
    return point(x, y);
  }

  /** y = (x³ + 3)^((p+1)/4); true when that is a square root, i.e. x³ + 3 is a square. */
  private static boolean sqrtOfRhs(long[] x, long[] y) {
    long[] v = new long[4];
    FpLimbs.square(x, v);
    FpLimbs.multiply(v, x, v);
    FpLimbs.add(v, THREE, v);
    FpLimbs.pow(v, SQRT_EXPONENT, y);
    long[] check = new long[4];
    FpLimbs.square(y, check);
    return FpLimbs.equal(check, v);
  }

  private static G1Limbs point(long[] x, long[] y) {
    G1Limbs p = G1Limbs.infinity();
    System.arraycopy(x, 0, p.x, 0, 4);
    System.arraycopy(y, 0, p.y, 0, 4);
    System.arraycopy(FpLimbs.ONE, 0, p.z, 0, 4);
    return p;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
