package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import avs.execution.sign.BlsSigner;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The C kernel against the Java limbs it follows: the same σ for keys of every size and messages of every kind, from
 * both of its builds (x86-64-v3 where this CPU has it, and the baseline). The fixture and golden-vector tests go
 * through {@link Bn254#sign}, so they check whichever path is loaded; this test makes sure the native one is loaded
 * wherever the build made it, and agrees with Java.
 */
class NativeBn254Test {
  private static final byte[] DST = BlsSigner.DOMAIN;

  @Test
  void aBuildWithTheLibraryLoadsIt() {
    assumeTrue(NativeBn254.bundled(), "this build has no native library (no C compiler when it was built)");
    assumeTrue(!"off".equalsIgnoreCase(System.getenv("AVS_NATIVE")), "switched off by AVS_NATIVE=off");
    assertThat(NativeBn254.available()).as("the bundled library " + NativeBn254.RESOURCE + " must load").isTrue();
  }

  @Test
  void nativeAndJavaSignaturesAreTheSame() {
    assumeTrue(NativeBn254.available(), "no native library loaded");
    Random random = new Random(20261124);
    for (int i = 0; i < 3_000; i++) {
      BigInteger sk = switch (i % 4) {
        case 0 -> new BigInteger(254, random).mod(Bn254.ORDER);
        case 1 -> new BigInteger(1 + random.nextInt(253), random);
        case 2 -> Bn254.ORDER.subtract(BigInteger.valueOf(1 + random.nextInt(1000)));
        default -> BigInteger.valueOf(1 + random.nextInt(1 << 20));
      };
      byte[] message = new byte[random.nextInt(3) == 0 ? random.nextInt(4096) : 32];
      random.nextBytes(message);
      Bn254.SigningKey key = Bn254.signingKey(sk);
      Bn254.G1Point java = Bn254.signInJava(key, message, DST);
      assertThat(Bn254.signNatively(key, message, DST, false)).as("key %s, message %d", sk.toString(16), i).isEqualTo(java);
      assertThat(Bn254.signNatively(key, message, DST, true)).as("baseline build: key %s, message %d", sk.toString(16), i).isEqualTo(java);
    }
  }

  @Test
  void theZeroKeyGivesInfinityOnBothPaths() {
    assumeTrue(NativeBn254.available(), "no native library loaded");
    Bn254.SigningKey zero = Bn254.signingKey(BigInteger.ZERO);
    byte[] message = {1, 2, 3};
    assertThat(Bn254.signNatively(zero, message, DST, false)).isEqualTo(new Bn254.G1Point(BigInteger.ZERO, BigInteger.ZERO))
        .isEqualTo(Bn254.signNatively(zero, message, DST, true))
        .isEqualTo(Bn254.signInJava(zero, message, DST));
  }
}
