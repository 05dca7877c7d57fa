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
  private static final FpExponent SQRT_EXPONENT = new FpExponent(Fp.P.add(BigInteger.ONE).shiftRight(2));

  private HashToG1() {}

  static G1Limbs hash(byte[] message, byte[] dst) {
    BigInteger[] t = fieldElements(message, dst);
    Candidate first = choose(t[0]);
    Candidate second = choose(t[1]);
    long[] y1 = new long[4];
    long[] y2 = new long[4];
    SQRT_EXPONENT.powerPair(first.u, second.u, y1, y2); // two independent chains: the CPU overlaps them
    G1Limbs point = first.point(y1);
    point.addInPlace(second.point(y2));
    return point;
  }

  /** The two field elements the message hashes to: 96 bytes of expand_message_xmd, each half read big-endian mod p. */
  static BigInteger[] fieldElements(byte[] message, byte[] dst) {
    byte[] uniform = expandMessageXmd(message, dst, 96);
    return new BigInteger[] {
        new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 0, 48)).mod(Fp.P),
        new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 48, 96)).mod(Fp.P)};
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
   * mcl's BN "original" map of a field element to a G1 point (PROTOCOL.md §3.3 C), on limbs and without inversions.
   * Each candidate x = N/D is tested with a Legendre symbol of g(x)·D⁴ = (N³ + 3D³)·D, and the chosen one becomes the
   * Jacobian point (N·D, √((N³ + 3D³)·D)·D, D): the same point, with the same square root, as the affine formulas.
   */
  static G1Limbs map(BigInteger tValue) {
    Candidate chosen = choose(tValue);
    long[] root = new long[4];
    SQRT_EXPONENT.power(chosen.u, root);
    return chosen.point(root);
  }

  /** The x = N/D that the map picks for t, with U = (N³ + 3D³)·D and whether y gets negated. */
  private record Candidate(long[] n, long[] d, long[] u, boolean negate) {
    /** The Jacobian point (N·D, √U·D, D), given √U. */
    G1Limbs point(long[] rootOfU) {
      G1Limbs p = G1Limbs.infinity();
      FpLimbs.multiply(n, d, p.x);
      FpLimbs.multiply(rootOfU, d, p.y);
      if (negate) {
        FpLimbs.subtract(ZERO, p.y, p.y);
      }
      System.arraycopy(d, 0, p.z, 0, 4);
      return p;
    }
  }

  private static Candidate choose(BigInteger tValue) {
    long[] t = FpLimbs.toMontgomery(tValue);
    if (FpLimbs.isZero(t)) { // mcl maps 0 to x = Z1; unreachable for hashed input
      return new Candidate(Z1.clone(), FpLimbs.ONE.clone(), rhsTimesD(Z1, FpLimbs.ONE), false);
    }
    boolean negate = FpLimbs.legendre(t) != 1;
    long[] t2 = new long[4];
    FpLimbs.square(t, t2);
    long[] d = new long[4];
    FpLimbs.add(t2, FOUR, d);                             // D = t² + 4
    long[] z0t2 = new long[4];
    FpLimbs.multiply(Z0, t2, z0t2);
    long[] n = new long[4];
    FpLimbs.multiply(Z1, d, n);
    FpLimbs.subtract(n, z0t2, n);                         // x1 = Z1 − t·w = (Z1·D − Z0·t²) / D
    long[] u = rhsTimesD(n, d);
    if (FpLimbs.legendre(u) >= 0) {
      return new Candidate(n, d, u, negate);
    }
    FpLimbs.add(n, d, n);
    FpLimbs.subtract(ZERO, n, n);                         // x2 = −1 − x1 = (−D − N1) / D
    u = rhsTimesD(n, d);
    if (FpLimbs.legendre(u) >= 0) {
      return new Candidate(n, d, u, negate);
    }
    long[] d3 = new long[4];
    FpLimbs.multiply(z0t2, Z0, d3);                       // Z0²·t²
    FpLimbs.square(d, n);
    FpLimbs.add(n, d3, n);                                // x3 = 1 + 1/w² = (Z0²t² + D²) / (Z0²t²)
    return new Candidate(n, d3, rhsTimesD(n, d3), negate);
  }

  /** (N³ + 3·D³)·D = g(N/D)·D⁴, whose square class is g(N/D)'s. */
  private static long[] rhsTimesD(long[] n, long[] d) {
    long[] n3 = new long[4];
    FpLimbs.square(n, n3);
    FpLimbs.multiply(n3, n, n3);
    long[] u = new long[4];
    FpLimbs.square(d, u);
    FpLimbs.multiply(u, d, u);
    FpLimbs.multiply(u, THREE, u);
    FpLimbs.add(u, n3, u);
    FpLimbs.multiply(u, d, u);
    return u;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
