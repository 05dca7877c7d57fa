package avs.execution.sign.bn254;

import java.math.BigInteger;

/**
 * The base field in Montgomery form on four 64-bit limbs (little-endian), for the signing path where BigInteger
 * arithmetic was too slow. Values are long[4] holding a·2²⁵⁶ mod p; results go into caller-supplied arrays, which may
 * alias the inputs. Checked against {@link Fp} in tests and by every BLS fixture.
 */
final class FpLimbs {
  static final long[] P = limbs(Fp.P);
  private static final long P0 = P[0], P1 = P[1], P2 = P[2], P3 = P[3];
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
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[31 - i] = (byte) (plain[i >> 3] >>> (8 * (i & 7)));
    }
    return new BigInteger(1, bigEndian);
  }

  /** out = a·b·2⁻²⁵⁶ mod p: CIOS, without the carry word that p < 2²⁵⁴ makes unnecessary. */
  static void multiply(long[] a, long[] b, long[] out) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    long bi, m, lo, hi, s, carryA, carryC;
    for (int i = 0; i < 4; i++) { // one row of a·b per pass, reduced by one limb (the JIT unrolls this)
      bi = b[i];
      lo = a0 * bi; hi = Math.unsignedMultiplyHigh(a0, bi);
      s = lo + t0; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; t0 = s; carryA = hi;
      m = t0 * INV;
      lo = m * P0; hi = Math.unsignedMultiplyHigh(m, P0);
      s = lo + t0; carryC = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
      lo = a1 * bi; hi = Math.unsignedMultiplyHigh(a1, bi);
      s = lo + t1; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      lo = s + carryA; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0;
      t1 = lo; carryA = hi;
      lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1);
      s = lo + t1; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      lo = s + carryC; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0;
      t0 = lo; carryC = hi;
      lo = a2 * bi; hi = Math.unsignedMultiplyHigh(a2, bi);
      s = lo + t2; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      lo = s + carryA; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0;
      t2 = lo; carryA = hi;
      lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2);
      s = lo + t2; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      lo = s + carryC; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0;
      t1 = lo; carryC = hi;
      lo = a3 * bi; hi = Math.unsignedMultiplyHigh(a3, bi);
      s = lo + t3; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      lo = s + carryA; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0;
      t3 = lo; carryA = hi;
      lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3);
      s = lo + t3; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      lo = s + carryC; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0;
      t2 = lo; carryC = hi;
      t3 = carryC + carryA;
    }
    reduceInto(t0, t1, t2, t3, out);
  }

  /**
   * out = a²·2⁻²⁵⁶ mod p. The cross products aᵢ·aⱼ are computed once and doubled (10 products instead of 16), then
   * the 512-bit square is reduced limb by limb. Squares are most of a signature's multiplications.
   */
  static void square(long[] a, long[] out) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    long z0, z1, z2, z3, z4, z5, z6, z7, lo, hi, s, c, m;
    // cross products: row a0
    z1 = a0 * a1; c = Math.unsignedMultiplyHigh(a0, a1);
    lo = a0 * a2; hi = Math.unsignedMultiplyHigh(a0, a2);
    s = lo + c; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; z2 = s; c = hi;
    lo = a0 * a3; hi = Math.unsignedMultiplyHigh(a0, a3);
    s = lo + c; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; z3 = s; c = hi;
    z4 = c;
    // row a1
    lo = a1 * a2; hi = Math.unsignedMultiplyHigh(a1, a2);
    s = lo + z3; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; z3 = s; c = hi;
    lo = a1 * a3; hi = Math.unsignedMultiplyHigh(a1, a3);
    s = lo + z4; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z4 = lo; c = hi;
    z5 = c;
    // row a2
    lo = a2 * a3; hi = Math.unsignedMultiplyHigh(a2, a3);
    s = lo + z5; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0; z5 = s; z6 = hi;
    // double them
    z7 = z6 >>> 63;
    z6 = (z6 << 1) | (z5 >>> 63);
    z5 = (z5 << 1) | (z4 >>> 63);
    z4 = (z4 << 1) | (z3 >>> 63);
    z3 = (z3 << 1) | (z2 >>> 63);
    z2 = (z2 << 1) | (z1 >>> 63);
    z1 <<= 1;
    // add the squares aᵢ² at limbs 2i, 2i+1
    z0 = a0 * a0; hi = Math.unsignedMultiplyHigh(a0, a0);
    s = z1 + hi; c = Long.compareUnsigned(s, hi) < 0 ? 1 : 0; z1 = s;
    lo = a1 * a1; hi = Math.unsignedMultiplyHigh(a1, a1);
    s = z2 + lo; long c1 = Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; c1 += Long.compareUnsigned(s, c) < 0 ? 1 : 0; z2 = s;
    s = z3 + hi; c = Long.compareUnsigned(s, hi) < 0 ? 1 : 0; s += c1; c += Long.compareUnsigned(s, c1) < 0 ? 1 : 0; z3 = s;
    lo = a2 * a2; hi = Math.unsignedMultiplyHigh(a2, a2);
    s = z4 + lo; long c2 = Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; c2 += Long.compareUnsigned(s, c) < 0 ? 1 : 0; z4 = s;
    s = z5 + hi; c = Long.compareUnsigned(s, hi) < 0 ? 1 : 0; s += c2; c += Long.compareUnsigned(s, c2) < 0 ? 1 : 0; z5 = s;
    lo = a3 * a3; hi = Math.unsignedMultiplyHigh(a3, a3);
    s = z6 + lo; long c3 = Long.compareUnsigned(s, lo) < 0 ? 1 : 0; s += c; c3 += Long.compareUnsigned(s, c) < 0 ? 1 : 0; z6 = s;
    s = z7 + hi; c = Long.compareUnsigned(s, hi) < 0 ? 1 : 0; s += c3; c += Long.compareUnsigned(s, c3) < 0 ? 1 : 0; z7 = s;
    // Montgomery reduction, one limb per round; carries run to the top (the total stays below 2⁵¹²)
    m = z0 * INV;
    lo = m * P0; hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + z0; c = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
    lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + z1; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z1 = lo; c = hi;
    lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + z2; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z2 = lo; c = hi;
    lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + z3; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z3 = lo; c = hi;
    s = z4 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z4 = s;
    s = z5 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z5 = s;
    s = z6 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z6 = s;
    s = z7 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z7 = s;
    m = z1 * INV;
    lo = m * P0; hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + z1; c = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
    lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + z2; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z2 = lo; c = hi;
    lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + z3; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z3 = lo; c = hi;
    lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + z4; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z4 = lo; c = hi;
    s = z5 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z5 = s;
    s = z6 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z6 = s;
    s = z7 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z7 = s;
    m = z2 * INV;
    lo = m * P0; hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + z2; c = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
    lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + z3; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z3 = lo; c = hi;
    lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + z4; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z4 = lo; c = hi;
    lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + z5; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z5 = lo; c = hi;
    s = z6 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z6 = s;
    s = z7 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z7 = s;
    m = z3 * INV;
    lo = m * P0; hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + z3; c = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
    lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + z4; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z4 = lo; c = hi;
    lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + z5; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z5 = lo; c = hi;
    lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + z6; hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
    lo = s + c; hi += Long.compareUnsigned(lo, s) < 0 ? 1 : 0; z6 = lo; c = hi;
    s = z7 + c; c = Long.compareUnsigned(s, c) < 0 ? 1 : 0; z7 = s;
    reduceInto(z4, z5, z6, z7, out);
  }

  static void add(long[] a, long[] b, long[] out) {
    long s0 = a[0] + b[0];
    long c = (a[0] & b[0] | (a[0] | b[0]) & ~s0) >>> 63;
    long s1 = a[1] + b[1] + c;
    c = (a[1] & b[1] | (a[1] | b[1]) & ~s1) >>> 63;
    long s2 = a[2] + b[2] + c;
    c = (a[2] & b[2] | (a[2] | b[2]) & ~s2) >>> 63;
    long s3 = a[3] + b[3] + c; // a, b < p < 2²⁵⁴: the sum fits in 256 bits
    reduceInto(s0, s1, s2, s3, out);
  }

  static void subtract(long[] a, long[] b, long[] out) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
    long d0 = a0 - b0;
    long borrow = (~a0 & b0 | ~(a0 ^ b0) & d0) >>> 63;
    long d1 = a1 - b1 - borrow;
    borrow = (~a1 & b1 | ~(a1 ^ b1) & d1) >>> 63;
    long d2 = a2 - b2 - borrow;
    borrow = (~a2 & b2 | ~(a2 ^ b2) & d2) >>> 63;
    long d3 = a3 - b3 - borrow;
    borrow = (~a3 & b3 | ~(a3 ^ b3) & d3) >>> 63;
    long mask = -borrow; // went below zero: add p back
    long p0 = P0 & mask, p1 = P1 & mask, p2 = P2 & mask, p3 = P3 & mask;
    long s0 = d0 + p0;
    long c = (d0 & p0 | (d0 | p0) & ~s0) >>> 63;
    long s1 = d1 + p1 + c;
    c = (d1 & p1 | (d1 | p1) & ~s1) >>> 63;
    long s2 = d2 + p2 + c;
    c = (d2 & p2 | (d2 | p2) & ~s2) >>> 63;
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = d3 + p3 + c;
  }

  /** out = x mod p for x < 2p. */
  private static void reduceInto(long x0, long x1, long x2, long x3, long[] out) {
    long d0 = x0 - P0;
    long borrow = (~x0 & P0 | ~(x0 ^ P0) & d0) >>> 63;
    long d1 = x1 - P1 - borrow;
    borrow = (~x1 & P1 | ~(x1 ^ P1) & d1) >>> 63;
    long d2 = x2 - P2 - borrow;
    borrow = (~x2 & P2 | ~(x2 ^ P2) & d2) >>> 63;
    long d3 = x3 - P3 - borrow;
    borrow = (~x3 & P3 | ~(x3 ^ P3) & d3) >>> 63;
    long keep = -borrow; // x < p: keep x
    out[0] = (x0 & keep) | (d0 & ~keep);
    out[1] = (x1 & keep) | (d1 & ~keep);
    out[2] = (x2 & keep) | (d2 & ~keep);
    out[3] = (x3 & keep) | (d3 & ~keep);
  }

  static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3]) == 0;
  }

  static boolean equal(long[] a, long[] b) {
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
  }

  /**
   * The Legendre symbol of a (1 for a non-zero square, −1 for a non-square, 0 for zero) by the binary Jacobi
   * algorithm, several times cheaper than Euler's exponentiation. The steps choose by masks rather than branches: the
   * inputs are hashes, and mispredicted branches cost more than the arithmetic. Montgomery form does not change the
   * answer, as 2²⁵⁶ is a square.
   */
  static int legendre(long[] value) {
    long a0 = value[0], a1 = value[1], a2 = value[2], a3 = value[3];
    long n0 = P0, n1 = P1, n2 = P2, n3 = P3;
    long flips = 0; // bit 0: the symbol's sign has flipped
    while ((a0 | a1 | a2 | a3) != 0) {
      while (a0 == 0) { // 64 halvings: an even count, the symbol stays (rare)
        a0 = a1; a1 = a2; a2 = a3; a3 = 0;
      }
      int zeros = Long.numberOfTrailingZeros(a0); // (2/n) = −1 for n ≡ 3, 5 mod 8
      flips ^= zeros & ((n0 >>> 1) ^ (n0 >>> 2));
      int back = 63 - zeros;                       // shifts by 64 − zeros, 64 giving 0
      a0 = (a0 >>> zeros) | ((a1 << 1) << back);
      a1 = (a1 >>> zeros) | ((a2 << 1) << back);
      a2 = (a2 >>> zeros) | ((a3 << 1) << back);
      a3 >>>= zeros;
      // d = a − n (both odd); when a < n, swap (reciprocity: flip if both are 3 mod 4) and keep n − a instead
      long d0 = a0 - n0;
      long borrow = (~a0 & n0 | ~(a0 ^ n0) & d0) >>> 63;
      long d1 = a1 - n1 - borrow;
      borrow = (~a1 & n1 | ~(a1 ^ n1) & d1) >>> 63;
      long d2 = a2 - n2 - borrow;
      borrow = (~a2 & n2 | ~(a2 ^ n2) & d2) >>> 63;
      long d3 = a3 - n3 - borrow;
      borrow = (~a3 & n3 | ~(a3 ^ n3) & d3) >>> 63;
      long swap = -borrow;
      flips ^= (swap & a0 & n0) >>> 1;
      n0 ^= (a0 ^ n0) & swap;
      n1 ^= (a1 ^ n1) & swap;
      n2 ^= (a2 ^ n2) & swap;
      n3 ^= (a3 ^ n3) & swap;
      long one = borrow; // conditional negation: (d ^ swap) + borrow
      a0 = (d0 ^ swap) + one;
      long carry = one & (a0 == 0 ? 1 : 0);
      a1 = (d1 ^ swap) + carry;
      carry &= a1 == 0 ? 1 : 0;
      a2 = (d2 ^ swap) + carry;
      carry &= a2 == 0 ? 1 : 0;
      a3 = (d3 ^ swap) + carry;
    }
    if (n0 != 1 || (n1 | n2 | n3) != 0) {
      return 0;
    }
    return (flips & 1) == 0 ? 1 : -1;
  }


  /** out = 1/a (a ≠ 0), through BigInteger's inverse: faster than a Fermat exponentiation on these limbs. */
  static void invert(long[] a, long[] out) {
    System.arraycopy(toMontgomery(toBigInteger(a).modInverse(Fp.P)), 0, out, 0, 4);
  }
}
