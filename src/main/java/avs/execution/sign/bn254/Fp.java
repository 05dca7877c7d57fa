package avs.execution.sign.bn254;

import java.math.BigInteger;

/** An element of the BN254 (alt_bn128) base field, always reduced to [0, p). */
record Fp(BigInteger value) implements FieldElement<Fp> {
  static final BigInteger P = new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);
  static final Fp ZERO = new Fp(BigInteger.ZERO);
  static final Fp ONE = new Fp(BigInteger.ONE);
  private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.ONE).shiftRight(2); // p ≡ 3 (mod 4)
  private static final BigInteger LEGENDRE_EXPONENT = P.subtract(BigInteger.ONE).shiftRight(1);

  static Fp of(BigInteger value) {
    return new Fp(value.mod(P));
  }

  static Fp of(long value) {
    return of(BigInteger.valueOf(value));
  }

  static Fp hex(String hex) {
    return of(new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16));
  }

  @Override
  public Fp add(Fp other) {
    BigInteger sum = value.add(other.value);
    return new Fp(sum.compareTo(P) >= 0 ? sum.subtract(P) : sum);
  }

  @Override
  public Fp subtract(Fp other) {
    BigInteger difference = value.subtract(other.value);
    return new Fp(difference.signum() < 0 ? difference.add(P) : difference);
  }

  @Override
  public Fp multiply(Fp other) {
    return new Fp(value.multiply(other.value).mod(P));
  }

  @Override
  public Fp square() {
    return multiply(this);
  }

  @Override
  public Fp invert() {
    if (isZero()) {
      throw new ArithmeticException("zero has no inverse");
    }
    return new Fp(value.modInverse(P));
  }

  @Override
  public Fp negate() {
    return isZero() ? this : new Fp(P.subtract(value));
  }

  @Override
  public boolean isZero() {
    return value.signum() == 0;
  }

  /** Whether this is a non-zero square (the Legendre symbol is 1). */
  boolean isSquare() {
    return value.modPow(LEGENDRE_EXPONENT, P).equals(BigInteger.ONE);
  }

  /** this^((p+1)/4): a square root when this is a square. */
  Fp sqrt() {
    return new Fp(value.modPow(SQRT_EXPONENT, P));
  }
}
