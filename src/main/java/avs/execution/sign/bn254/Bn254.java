package avs.execution.sign.bn254;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The public face of the BN254 (alt_bn128) code: Othentic's BLS key derivation, hashing to G1, signing and public
 * keys, with points as plain big-endian coordinates. Everything else in this package is package-private arithmetic.
 */
public final class Bn254 {
  /** The order r of G1 and G2. */
  public static final BigInteger ORDER = new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);
  static final Fp2 TWIST_B = Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).multiply(Fp2.of(BigInteger.valueOf(9), BigInteger.ONE).invert());
  static final JacobianPoint<Fp2> G2 = JacobianPoint.affine(
      Fp2.of(new BigInteger("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
          new BigInteger("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
      Fp2.of(new BigInteger("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
          new BigInteger("4082367875863433681332203403145435568316851327593401208105741076214120093531")),
      Fp2.ONE);
  private static final Pairing.PreparedG2 PREPARED_G2 = Pairing.prepare(G2);
  /** Public keys already checked (on the twist, in the subgroup) with their Miller-loop lines; null when invalid. */
  private static final PreparedKeys PREPARED_KEYS = new PreparedKeys(1024);
  private static final BigInteger LOW_254 = BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE);
  private static final BigInteger LOW_253 = BigInteger.ONE.shiftLeft(253).subtract(BigInteger.ONE);

  /** A G1 point in affine coordinates; (0, 0) stands for infinity, as in the EVM precompiles. */
  public record G1Point(BigInteger x, BigInteger y) {}

  /** A G2 point in affine coordinates over Fp2 (re + im·i); all zeros stand for infinity. */
  public record G2Point(BigInteger xRe, BigInteger xIm, BigInteger yRe, BigInteger yIm) {}

  private Bn254() {}

  /**
   * The BLS secret key Othentic derives from a key string (PROTOCOL.md §3.3 A): SHA-256 over the ASCII text (with
   * 0x prepended if missing), read little-endian, low 254 bits, or low 253 bits if that is not below r.
   */
  public static BigInteger secretKey(String keyText) {
    String text = keyText.startsWith("0x") ? keyText : "0x" + keyText;
    if (text.length() == 2 || !text.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("a BLS key string must be 0x followed by hex digits");
    }
    byte[] digest = sha256(text.getBytes(StandardCharsets.US_ASCII));
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = digest[31 - i];
    }
    BigInteger x = new BigInteger(1, bigEndian).and(LOW_254);
    return x.compareTo(ORDER) >= 0 ? x.and(LOW_253) : x;
  }

  public static G1Point hashToG1(byte[] message, byte[] dst) {
    return HashToG1.hash(message, dst).toAffine();
  }

  /** A secret key prepared for signing: its scalar already split and recoded for the GLV multiplication. */
  public static final class SigningKey {
    private final BigInteger secretKey;
    private final GlvScalar scalar;

    private SigningKey(BigInteger secretKey) {
      this.secretKey = secretKey;
      this.scalar = GlvScalar.of(secretKey);
    }

    public BigInteger secretKey() {
      return secretKey;
    }

    @Override
    public String toString() {
      return "SigningKey[redacted]";
    }
  }

  public static SigningKey signingKey(BigInteger secretKey) {
    return new SigningKey(secretKey);
  }

  /** σ = sk·H(m): in the native kernel when it is loaded, else on the Java limbs; the same point either way. */
  public static G1Point sign(SigningKey key, byte[] message, byte[] dst) {
    return NativeBn254.available() ? signNatively(key, message, dst, false) : signInJava(key, message, dst);
  }

  static G1Point signNatively(SigningKey key, byte[] message, byte[] dst, boolean baseline) {
    BigInteger[] t = HashToG1.fieldElements(message, dst);
    long[] in = new long[8];
    System.arraycopy(FpLimbs.limbs(t[0]), 0, in, 0, 4);
    System.arraycopy(FpLimbs.limbs(t[1]), 0, in, 4, 4);
    long[] out = new long[8];
    if (!NativeBn254.sign(in, key.scalar.first, key.scalar.second, out, baseline)) {
      return new G1Point(BigInteger.ZERO, BigInteger.ZERO);
    }
    return new G1Point(plain(out, 0), plain(out, 4));
  }

  static G1Point signInJava(SigningKey key, byte[] message, byte[] dst) {
    return HashToG1.hash(message, dst).multiply(key.scalar).toAffine();
  }

  /** Four little-endian limbs from offset as a non-negative number. */
  private static BigInteger plain(long[] limbs, int offset) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[31 - i] = (byte) (limbs[offset + (i >> 3)] >>> (8 * (i & 7)));
    }
    return new BigInteger(1, bigEndian);
  }

  /** σ = sk·H(m), preparing the key each time; signers keep a {@link SigningKey}. */
  public static G1Point sign(BigInteger secretKey, byte[] message, byte[] dst) {
    return sign(signingKey(secretKey), message, dst);
  }

  /** pk = sk·G2. */
  public static G2Point publicKey(BigInteger secretKey) {
    JacobianPoint<Fp2> pk = G2.multiply(secretKey);
    if (pk.isInfinity()) {
      return new G2Point(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }
    Fp2 x = pk.affineX();
    Fp2 y = pk.affineY();
    return new G2Point(x.a().value(), x.b().value(), y.a().value(), y.b().value());
  }

  /** e(σ, G2) = e(H(m), pk): whether σ is pk's signature of the message. Points off the curve or group are false. */
  @SuppressWarnings("unchecked")
  public static boolean verify(G1Point signature, byte[] message, byte[] dst, G2Point publicKey) {
    JacobianPoint<Fp> sigma = g1(signature);
    Pairing.PreparedG2 pk = PREPARED_KEYS.get(publicKey, key -> {
      JacobianPoint<Fp2> point = g2(key);
      return point == null || point.isInfinity() ? null : Pairing.prepare(point);
    });
    if (sigma == null || pk == null || sigma.isInfinity()) {
      return false;
    }
    G1Point hAffine = hashToG1(message, dst);
    JacobianPoint<Fp> h = JacobianPoint.affine(Fp.of(hAffine.x()), Fp.of(hAffine.y()), Fp.ONE);
    return Pairing.productIsOne(List.of(sigma, h.negate()), List.of(PREPARED_G2, pk));
  }

  /** Whether this is a usable public key: a point of G2 other than infinity (on the twist, in the order-r subgroup). */
  public static boolean isPublicKey(G2Point point) {
    JacobianPoint<Fp2> q = g2(point);
    return q != null && !q.isInfinity();
  }

  /** The G1 point, or null when it is not on the curve (G1's cofactor is 1, so on-curve means in the group). */
  static JacobianPoint<Fp> g1(G1Point point) {
    if (point.x().signum() == 0 && point.y().signum() == 0) {
      return JacobianPoint.infinity(Fp.ONE);
    }
    if (point.x().compareTo(Fp.P) >= 0 || point.y().compareTo(Fp.P) >= 0 || point.x().signum() < 0 || point.y().signum() < 0) {
      return null;
    }
    JacobianPoint<Fp> p = JacobianPoint.affine(Fp.of(point.x()), Fp.of(point.y()), Fp.ONE);
    return p.isOnCurve(HashToG1.B) ? p : null;
  }

  /** The G2 point, or null when it is off the twist or outside the order-r subgroup. */
  static JacobianPoint<Fp2> g2(G2Point point) {
    BigInteger[] coordinates = {point.xRe(), point.xIm(), point.yRe(), point.yIm()};
    if (java.util.Arrays.stream(coordinates).allMatch(c -> c.signum() == 0)) {
      return JacobianPoint.infinity(Fp2.ONE);
    }
    if (java.util.Arrays.stream(coordinates).anyMatch(c -> c.signum() < 0 || c.compareTo(Fp.P) >= 0)) {
      return null;
    }
    JacobianPoint<Fp2> q = JacobianPoint.affine(Fp2.of(point.xRe(), point.xIm()), Fp2.of(point.yRe(), point.yIm()), Fp2.ONE);
    return q.isOnCurve(TWIST_B) && q.multiply(ORDER).isInfinity() ? q : null;
  }

  static G1Point toAffine(JacobianPoint<Fp> p) {
    return p.isInfinity() ? new G1Point(BigInteger.ZERO, BigInteger.ZERO) : new G1Point(p.affineX().value(), p.affineY().value());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
