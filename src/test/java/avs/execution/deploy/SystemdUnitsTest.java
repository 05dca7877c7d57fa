package avs.execution.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unit files: what systemd itself says of them, and the promises docs/deployment.md makes about them. */
class SystemdUnitsTest {
  private static final Path UNITS = Path.of("deploy/systemd");

  @ParameterizedTest
  @ValueSource(strings = {"avs-execution.service", "avs-validation.service"})
  void systemdAnalyzeVerifyFindsNothingToSay(String unit) throws IOException, InterruptedException {
    assumeTrue(List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "systemd-analyze"))), "systemd-analyze is not installed here");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")), "the units start /usr/bin/java, which this machine lacks");
    Process verify = new ProcessBuilder("systemd-analyze", "verify", UNITS.resolve(unit).toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(output).isZero();
    assertThat(output).as("warnings are ignored settings").isBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"avs-execution.service", "avs-validation.service"})
  void theUnitsAreHardenedRestartAndLeaveTheJitItsMemory(String unit) throws IOException {
    String text = Files.readString(UNITS.resolve(unit));
    assertThat(text).contains("Type=exec", "DynamicUser=yes", "StateDirectory=", "Environment=DATA_DIR=%S/", "Restart=on-failure",
        "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes", "RestrictAddressFamilies=");
    assertThat(text.lines().filter(line -> !line.startsWith("#"))).noneMatch(line -> line.startsWith("MemoryDenyWriteExecute"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"avs-execution.service"})
  void theKeyComesOnlyAsACredentialFile(String unit) throws IOException {
    String text = Files.readString(UNITS.resolve(unit));
    assertThat(text).contains("LoadCredential=performer-key:", "Environment=PRIVATE_KEY_FILE=%d/performer-key");
    assertThat(text.lines().filter(line -> !line.startsWith("#")))
        .noneMatch(line -> line.matches(".*PRIVATE_KEY(_PERFORMER)?=.*"))
        .noneMatch(line -> line.matches(".*0x[0-9a-fA-F]{64}.*"));
  }
}
