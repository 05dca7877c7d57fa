package avs.execution.bench;

import avs.execution.sign.BlsSigner;
import avs.execution.sign.BlsVerifier;
import avs.execution.sign.EcdsaSigner;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignedTask;
import avs.execution.sign.TaskMessage;
import avs.execution.sign.bn254.Bn254;
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
 * Signing costs per task (issue 3's targets: BLS sign ≤ 100 µs median, ECDSA sign ≤ 60 µs). Run with bench/jmh.sh;
 * never part of the test run. Each iteration signs a different message (the counter changes the proof).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
  private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  private static final String CONTROLLER = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
  private EcdsaSigner ecdsa;
  private BlsSigner bls;
  private Bn254.G2Point blsPublicKey;
  private SignedTask blsSigned;
  private Bn254.SigningKey blsKey;
  private long counter;

  @Setup
  public void setUp() {
    ecdsa = new EcdsaSigner(Secp256k1Key.parse(KEY, "key"));
    bls = BlsSigner.fromKeyText(KEY, CONTROLLER);
    blsPublicKey = bls.publicKey();
    blsSigned = bls.sign(next());
    blsKey = Bn254.signingKey(Bn254.secretKey(KEY));
  }

  private TaskMessage next() {
    return new TaskMessage("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPb" + (counter++ % 100), new byte[] {1, 2, 3}, CONTROLLER, 0);
  }

  @Benchmark
  public SignedTask ecdsaSign() {
    return ecdsa.sign(next());
  }

  @Benchmark
  public SignedTask blsSign() {
    return bls.sign(next());
  }

  @Benchmark
  public byte[] taskMessageHash() {
    return next().hash();
  }

  /** σ = sk·H(m) alone, for a message hash: what blsSign spends outside the task message and the JSON text. */
  @Benchmark
  public Bn254.G1Point blsSignPoint() {
    return Bn254.sign(blsKey, next().hash(), BlsSigner.DOMAIN);
  }

  @Benchmark
  public Bn254.G1Point hashToPoint() {
    return Bn254.hashToG1(next().hash(), BlsSigner.DOMAIN);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean blsVerify() {
    return BlsVerifier.verify(blsSigned.message(), blsSigned.signature(), blsPublicKey);
  }
}
