package avs.execution.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

/** The window tables against BouncyCastle's comb, on random nonces (odd and even) and on the edges of the range and of the windows. */
class Secp256k1BaseTableTest {
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final ECPoint G = Sign.CURVE_PARAMS.getG();
  /**
   * 31·2²⁵¹: made odd, n − 31·2²⁵¹ has −31 as its last digit, and its sum before the last addition is the entry
   * itself (the doubling case the mixed addition cannot do); the only such nonce, with its counterpart.
   */
  private static final BigInteger EXCEPTIONAL = BigInteger.valueOf(31).shiftLeft(251);

  @Test
  void everyNonceGivesTheCombsPoint() {
    Random random = new Random(7);
    FixedPointCombMultiplier comb = new FixedPointCombMultiplier();
    for (int i = 0; i < 2_000; i++) {
      BigInteger k = new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      assertThat(Secp256k1BaseTable.multiply(k).normalize()).as("k = %s", k.toString(16)).isEqualTo(comb.multiply(G, k).normalize());
    }
    for (BigInteger k : new BigInteger[] {BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15), BigInteger.valueOf(16), BigInteger.valueOf(17),
        N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), BigInteger.valueOf(31),
        BigInteger.valueOf(32), BigInteger.valueOf(33), BigInteger.valueOf(63), BigInteger.valueOf(64), BigInteger.ONE.shiftLeft(250).add(BigInteger.ONE),
        N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE), EXCEPTIONAL, N.subtract(EXCEPTIONAL)}) {
      assertThat(Secp256k1BaseTable.multiply(k).normalize()).as("k = %s", k.toString(16)).isEqualTo(comb.multiply(G, k).normalize());
    }
  }
}
