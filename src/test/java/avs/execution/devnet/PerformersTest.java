package avs.execution.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.sign.BlsSigner;
import avs.execution.sign.bn254.Bn254;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering external performers from flags and files, with errors that point at the line. */
class PerformersTest {
  private static final String ADDRESS = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
  @TempDir Path dir;

  @Test
  void aFileRegistersAddressesAndBlsKeysIgnoringCommentsAndCase() throws IOException {
    Bn254.G2Point key = BlsSigner.fromKeyText("0x01", ADDRESS).publicKey();
    Files.writeString(dir.resolve("performers.txt"), "# operators of this AVS\n\n" + Performers.spec(ADDRESS, Optional.of(key))
        + "\n  0x00000000000000000000000000000000000000AA  \n");
    Performers performers = new Performers();
    performers.registerFile(dir.resolve("performers.txt"));
    assertThat(performers.size()).isEqualTo(2);
    assertThat(performers.blsKey(ADDRESS.toLowerCase())).contains(key);
    assertThat(performers.isRegistered("0x00000000000000000000000000000000000000aa")).isTrue();
    assertThat(performers.blsKey("0x00000000000000000000000000000000000000aa")).isEmpty();
  }

  @Test
  void aKeyThatIsNotOnTheTwistIsRefusedWithItsLine() throws IOException {
    Bn254.G2Point key = BlsSigner.fromKeyText("0x01", ADDRESS).publicKey();
    Bn254.G2Point swapped = new Bn254.G2Point(key.xIm(), key.xRe(), key.yRe(), key.yIm());
    Files.writeString(dir.resolve("performers.txt"), ADDRESS + "\n" + Performers.spec(ADDRESS, Optional.of(swapped)) + "\n");
    assertThatThrownBy(() -> new Performers().registerFile(dir.resolve("performers.txt")))
        .hasMessageContaining("performers.txt line 2").hasMessageContaining("is not a point of G2");
    assertThatThrownBy(() -> new Performers().register(ADDRESS + ":0x1,0x2"))
        .hasMessageContaining("four 0x-hex numbers");
  }

  @Test
  void aBlsKeyRegisteredLaterIsKeptWhenTheAddressIsRegisteredAgain() {
    Bn254.G2Point key = BlsSigner.fromKeyText("0x02", ADDRESS).publicKey();
    Performers performers = new Performers();
    performers.register(ADDRESS, Optional.of(key));
    performers.registerAddress(ADDRESS);
    assertThat(performers.blsKey(ADDRESS)).contains(key);
  }
}
