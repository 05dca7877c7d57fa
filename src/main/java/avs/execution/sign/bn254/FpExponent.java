package avs.execution.sign.bn254;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed exponent recoded once for left-to-right sliding-window exponentiation (window 5): about 42 multiplications
 * for a 254-bit exponent instead of about 127.
 */
final class FpExponent {
  private static final int WINDOW = 5;
  private final int[] squarings; // before each step's multiplication
  private final int[] oddPower;  // the step multiplies by a^oddPower (odd, < 2^WINDOW)
  private final int trailingSquarings;

  FpExponent(BigInteger e) {
    List<int[]> steps = new ArrayList<>();
    int pending = 0;
    int i = e.bitLength() - 1;
    while (i >= 0) {
      if (!e.testBit(i)) {
        pending++;
        i--;
        continue;
      }
      int low = Math.max(i - WINDOW + 1, 0);
      while (!e.testBit(low)) {
        low++;
      }
      int value = 0;
      for (int bit = i; bit >= low; bit--) {
        value = (value << 1) | (e.testBit(bit) ? 1 : 0);
      }
      steps.add(new int[] {pending + (i - low + 1), value});
      pending = 0;
      i = low - 1;
    }
    squarings = steps.stream().mapToInt(step -> step[0]).toArray();
    oddPower = steps.stream().mapToInt(step -> step[1]).toArray();
    trailingSquarings = pending;
  }

  /** out = a^e. */
  void power(long[] a, long[] out) {
    long[][] odd = oddPowers(a);
    long[] result = FpLimbs.ONE.clone();
    for (int step = 0; step < squarings.length; step++) {
      for (int s = step == 0 ? 0 : squarings[step]; s > 0; s--) { // the first step's squarings act on 1
        FpLimbs.square(result, result);
      }
      FpLimbs.multiply(result, odd[oddPower[step] >> 1], result);
    }
    for (int s = 0; s < trailingSquarings; s++) {
      FpLimbs.square(result, result);
    }
    System.arraycopy(result, 0, out, 0, 4);
  }

  /**
   * outA = a^e and outB = b^e in lockstep. A multiplication's latency is about half again its throughput cost, so
   * two independent chains side by side take well under twice one chain's time.
   */
  void powerPair(long[] a, long[] b, long[] outA, long[] outB) {
    long[][] oddA = oddPowers(a);
    long[][] oddB = oddPowers(b);
    long[] resultA = FpLimbs.ONE.clone();
    long[] resultB = FpLimbs.ONE.clone();
    for (int step = 0; step < squarings.length; step++) {
      for (int s = step == 0 ? 0 : squarings[step]; s > 0; s--) {
        FpLimbs.square(resultA, resultA);
        FpLimbs.square(resultB, resultB);
      }
      FpLimbs.multiply(resultA, oddA[oddPower[step] >> 1], resultA);
      FpLimbs.multiply(resultB, oddB[oddPower[step] >> 1], resultB);
    }
    for (int s = 0; s < trailingSquarings; s++) {
      FpLimbs.square(resultA, resultA);
      FpLimbs.square(resultB, resultB);
    }
    System.arraycopy(resultA, 0, outA, 0, 4);
    System.arraycopy(resultB, 0, outB, 0, 4);
  }

  /** a, a³, a⁵, … a^(2^WINDOW − 1). */
  private static long[][] oddPowers(long[] a) {
    long[][] odd = new long[1 << (WINDOW - 1)][];
    odd[0] = a.clone();
    long[] square = new long[4];
    FpLimbs.square(a, square);
    for (int k = 1; k < odd.length; k++) {
      odd[k] = new long[4];
      FpLimbs.multiply(odd[k - 1], square, odd[k]);
    }
    return odd;
  }
}
