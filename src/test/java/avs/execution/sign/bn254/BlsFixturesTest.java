package avs.execution.sign.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.sign.BlsSigner;
import avs.execution.sign.Hex;
import avs.execution.sign.TaskMessage;
import avs.execution.support.Fixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * 240 random tasks signed with mcl-wasm (fixtures/bls-fixtures.json, generator in tools/fixtures, self-checked
 * against the golden vectors): keys in lower case, upper case and without 0x; empty to 4 KiB data; ids 0 and 65535;
 * long and unicode proofs.
 */
class BlsFixturesTest {
  private static final JsonNode FILE = Fixtures.load("fixtures/bls-fixtures.json");
  private static final byte[] DST = Hex.decode("0xb110049506439a07d78731efed3c809a6b13e0bab7cc9805f3bb45fb1e9a67e8");

  static Stream<JsonNode> vectors() {
    return Fixtures.stream(FILE.get("vectors"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyStepMatchesMcl(JsonNode v) {
    TaskMessage message = new TaskMessage(v.get("proofOfTask").asString(), Hex.decode(v.get("dataHex").asString()),
        v.get("performerAddress").asString(), v.get("taskDefinitionId").asInt());
    assertThat(Hex.encode(message.hash())).isEqualTo(v.get("messageHash").asString());
    BigInteger sk = Bn254.secretKey(v.get("privateKey").asString());
    assertThat(BlsSigner.hex32(sk)).isEqualTo(v.get("secretKey").asString());
    Bn254.G1Point h = Bn254.hashToG1(message.hash(), DST);
    assertThat(BlsSigner.hex32(h.x())).isEqualTo(v.get("H").get("x").asString());
    assertThat(BlsSigner.hex32(h.y())).isEqualTo(v.get("H").get("y").asString());
    Bn254.G1Point sigma = Bn254.sign(sk, message.hash(), DST);
    assertThat(BlsSigner.hex32(sigma.x())).isEqualTo(v.get("signature").get("x").asString());
    assertThat(BlsSigner.hex32(sigma.y())).isEqualTo(v.get("signature").get("y").asString());
    Bn254.G2Point pk = Bn254.publicKey(sk);
    JsonNode expected = v.get("publicKey");
    assertThat(new String[] {BlsSigner.hex32(pk.xRe()), BlsSigner.hex32(pk.xIm()), BlsSigner.hex32(pk.yRe()), BlsSigner.hex32(pk.yIm())})
        .containsExactly(expected.get(0).asString(), expected.get(1).asString(), expected.get(2).asString(), expected.get(3).asString());
  }

  @Test
  void theFixturesCoverEveryMapBranchAndBothKeyPathsAndEveryKeySpelling() throws Exception {
    Set<Integer> branches = new HashSet<>();
    int key253 = 0;
    int upper = 0;
    int bare = 0;
    for (JsonNode v : FILE.get("vectors")) {
      v.get("branches").forEach(b -> branches.add(b.asInt()));
      String key = v.get("privateKey").asString();
      String text = key.startsWith("0x") ? key : "0x" + key;
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
      byte[] be = new byte[32];
      for (int i = 0; i < 32; i++) {
        be[i] = digest[31 - i];
      }
      BigInteger low254 = new BigInteger(1, be).and(BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE));
      key253 += low254.compareTo(Bn254.ORDER) >= 0 ? 1 : 0;
      upper += key.startsWith("0x") && !key.equals(key.toLowerCase()) ? 1 : 0;
      bare += key.startsWith("0x") ? 0 : 1;
    }
    assertThat(branches).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(key253).isGreaterThan(10);
    assertThat(upper).isGreaterThan(10);
    assertThat(bare).isGreaterThan(10);
  }
}
