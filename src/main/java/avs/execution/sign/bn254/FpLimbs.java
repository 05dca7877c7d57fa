package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * The base field in Montgomery form on four 64-bit limbs (little-endian), for the signing path where BigInteger
 * arithmetic was too slow. Values are long[4] holding a·2²⁵⁶ mod p; results go into caller-supplied arrays, which may
 * alias the inputs. Checked against {@link Fp} in tests and by every BLS fixture.
 */
final class FpLimbs {
  static final long[] P = limbs(Fp.P);
  /** −p⁻¹ mod 2⁶⁴. */
  private static final long INV = BigInteger.TWO.pow(64).subtract(Fp.P.modInverse(BigInteger.TWO.pow(64))).longValue();
  private static final BigInteger R = BigInteger.ONE.shiftLeft(256);
  private static final long[] R2 = limbs(R.multiply(R).mod(Fp.P));
  static final long[] ONE = toMontgomery(BigInteger.ONE);

  private FpLimbs() {}

  static long[] limbs(BigInteger value) {
    long[] out = new long[4];
    for (int i = 0; i < 4; i++) {
      out[i] = value.shiftRight(64 * i).longValue();
    }
    return out;
  }

  static long[] toMontgomery(BigInteger value) {
    long[] out = new long[4];
    multiply(limbs(value.mod(Fp.P)), R2, out);
    return out;
  }

  static BigInteger toBigInteger(long[] montgomery) {
    long[] plain = new long[4];
    multiply(montgomery, new long[] {1, 0, 0, 0}, plain);
    BigInteger value = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      value = value.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(plain[i])));
    }
    return value;
  }

  /** out = a·b·2⁻²⁵⁶ mod p (CIOS). */
  static void multiply(long[] a, long[] b, long[] out) {
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    for (int i = 0; i < 4; i++) {
      long bi = b[i];
      // t += a·b[i]
      long lo = a[0] * bi, hi = Math.unsignedMultiplyHigh(a[0], bi);
      long s = t0 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; t0 = s; long c = hi;
      lo = a[1] * bi; hi = Math.unsignedMultiplyHigh(a[1], bi);
      s = t1 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; hi += Long.compareUnsigned(s, c) < 0 ? 1 : 0; t1 = s; c = hi;
      lo = a[2] * bi; hi = Math.unsignedMultiplyHigh(a[2], bi);
      s = t2 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; hi += Long.compareUnsigned(s, c) < 0 ? 1 : 0; t2 = s; c = hi;
      lo = a[3] * bi; hi = Math.unsignedMultiplyHigh(a[3], bi);
      s = t3 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; hi += Long.compareUnsigned(s, c) < 0 ? 1 : 0; t3 = s; c = hi;
      t4 += c; // p < 2²⁵⁴ keeps t below 2²⁵⁷: no fifth-limb overflow
      // t = (t + m·p) / 2⁶⁴
      long m = t0 * INV;
      lo = m * P[0]; hi = Math.unsignedMultiplyHigh(m, P[0]);
      s = t0 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; c = hi;
      lo = m * P[1]; hi = Math.unsignedMultiplyHigh(m, P[1]);
      s = t1 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; hi += Long.compareUnsigned(s, c) < 0 ? 1 : 0; t0 = s; c = hi;
      lo = m * P[2]; hi = Math.unsignedMultiplyHigh(m, P[2]);
      s = t2 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; hi += Long.compareUnsigned(s, c) < 0 ? 1 : 0; t1 = s; c = hi;
      lo = m * P[3]; hi = Math.unsignedMultiplyHigh(m, P[3]);
      s = t3 + lo; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; hi += Long.compareUnsigned(s, c) < 0 ? 1 : 0; t2 = s; c = hi;
      t3 = t4 + c;
      t4 = 0;
    }
    out[0] = t0;
    out[1] = t1;
    out[2] = t2;
    out[3] = t3;
    reduceOnce(out);
  }

  static void square(long[] a, long[] out) {
    multiply(a, a, out);
  }

  static void add(long[] a, long[] b, long[] out) {
    long s0 = a[0] + b[0];
    long c = Long.compareUnsigned(s0, a[0]) < 0 ? 1 : 0;
    long s1 = a[1] + b[1] + c;
    c = (Long.compareUnsigned(s1, a[1]) < 0 || (c == 1 && s1 == a[1])) ? 1 : 0;
    long s2 = a[2] + b[2] + c;
    c = (Long.compareUnsigned(s2, a[2]) < 0 || (c == 1 && s2 == a[2])) ? 1 : 0;
    long s3 = a[3] + b[3] + c;
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3; // a, b < p < 2²⁵⁴: the sum fits in 256 bits
    reduceOnce(out);
  }

  static void subtract(long[] a, long[] b, long[] out) {
    long d0 = a[0] - b[0];
    long borrow = Long.compareUnsigned(a[0], b[0]) < 0 ? 1 : 0;
    long d1 = a[1] - b[1] - borrow;
    borrow = (Long.compareUnsigned(a[1], b[1]) < 0 || (borrow == 1 && a[1] == b[1])) ? 1 : 0;
    long d2 = a[2] - b[2] - borrow;
    borrow = (Long.compareUnsigned(a[2], b[2]) < 0 || (borrow == 1 && a[2] == b[2])) ? 1 : 0;
    long d3 = a[3] - b[3] - borrow;
    borrow = (Long.compareUnsigned(a[3], b[3]) < 0 || (borrow == 1 && a[3] == b[3])) ? 1 : 0;
    if (borrow == 1) { // went below zero: add p back
      long s0 = d0 + P[0];
      long c = Long.compareUnsigned(s0, d0) < 0 ? 1 : 0;
      long s1 = d1 + P[1] + c;
      c = (Long.compareUnsigned(s1, d1) < 0 || (c == 1 && s1 == d1)) ? 1 : 0;
      long s2 = d2 + P[2] + c;
      c = (Long.compareUnsigned(s2, d2) < 0 || (c == 1 && s2 == d2)) ? 1 : 0;
      d3 = d3 + P[3] + c;
      d0 = s0;
      d1 = s1;
      d2 = s2;
    }
    out[0] = d0;
    out[1] = d1;
    out[2] = d2;
    out[3] = d3;
  }

  static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3]) == 0;
  }

  static boolean equal(long[] a, long[] b) {
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
  }

  /** out = a^e (e ≥ 0), by square-and-multiply from the top bit. */
  static void pow(long[] a, BigInteger e, long[] out) {
    long[] result = ONE.clone();
    long[] base = a.clone();
    for (int bit = e.bitLength() - 1; bit >= 0; bit--) {
      square(result, result);
      if (e.testBit(bit)) {
        multiply(result, base, result);
      }
    }
    System.arraycopy(result, 0, out, 0, 4);
  }

  /** out = 1/a (a ≠ 0), through BigInteger's inverse: faster than a Fermat exponentiation on these limbs. */
  static void invert(long[] a, long[] out) {
    System.arraycopy(toMontgomery(toBigInteger(a).modInverse(Fp.P)), 0, out, 0, 4);
  }

  /** Subtracts p once if the value is at least p. */
  private static void reduceOnce(long[] x) {
    if (!lessThanP(x)) {
      subtract(x, P, x);
    }
  }

  private static boolean lessThanP(long[] x) {
    for (int i = 3; i >= 0; i--) {
      int cmp = Long.compareUnsigned(x[i], P[i]);
      if (cmp != 0) {
        return cmp < 0;
      }
    }
    return false;
  }
}
