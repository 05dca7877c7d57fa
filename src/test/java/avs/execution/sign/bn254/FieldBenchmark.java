package avs.execution.sign.bn254;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The building blocks of BLS signing on limbs, to see where a signature's time goes. Run with
 * {@code bench/jmh.sh FieldBenchmark}; never part of the test run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FieldBenchmark {
  private final long[] a = FpLimbs.toMontgomery(new BigInteger("1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef", 16));
  private final long[] b = FpLimbs.toMontgomery(new BigInteger("0fedcba0987654321fedcba0987654321fedcba0987654321fedcba098765432", 16));
  private final long[] out = new long[4];
  private final BigInteger t = new BigInteger("2a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809", 16);
  private final BigInteger scalar = new BigInteger("1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809", 16);
  private static final byte[] DST = "TasksManager-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private G1Limbs point;
  private int counter;

  private final long[][] randomElements = new java.util.Random(1).ints(1024).mapToObj(
      seed -> FpLimbs.toMontgomery(new BigInteger(254, new java.util.Random(seed)))).toArray(long[][]::new);

  @Setup
  public void setUp() {
    point = HashToG1.map(t);
  }

  @Benchmark
  public long[] multiply() {
    FpLimbs.multiply(a, b, out);
    return out;
  }

  @Benchmark
  public long[] add() {
    FpLimbs.add(a, b, out);
    return out;
  }

  @Benchmark
  public long[] subtract() {
    FpLimbs.subtract(a, b, out);
    return out;
  }

  @Benchmark
  public long[] square() {
    FpLimbs.square(a, out);
    return out;
  }

  @Benchmark
  public long[] invert() {
    FpLimbs.invert(a, out);
    return out;
  }

  private final FpExponent sqrt = new FpExponent(Fp.P.add(BigInteger.ONE).shiftRight(2));

  @Benchmark
  public long[] sqrtExponent() {
    sqrt.power(a, out);
    return out;
  }

  /** On varying inputs: with one fixed input the branch predictor learns the whole run. */
  @Benchmark
  public int legendre() {
    return FpLimbs.legendre(randomElements[counter++ & (randomElements.length - 1)]);
  }

  @Benchmark
  public G1Limbs map() {
    return HashToG1.map(t);
  }

  @Benchmark
  public G1Limbs hash() {
    counter++;
    return HashToG1.hash(new byte[] {(byte) counter, (byte) (counter >> 8), 7}, DST);
  }

  @Benchmark
  public byte[] expandMessage() {
    return HashToG1.expandMessageXmd(new byte[] {(byte) counter++, 1, 2}, DST, 96);
  }

  @Benchmark
  public Bn254.G1Point toAffine() {
    return point.toAffine();
  }

  @Benchmark
  public GlvScalar glvScalar() {
    return GlvScalar.of(scalar);
  }

  @Benchmark
  public G1Limbs scalarMultiply() {
    return point.multiply(scalar);
  }

  @Benchmark
  public G1Limbs doubling() {
    point.doubleInPlace();
    return point;
  }
}
