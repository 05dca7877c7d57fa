package avs.execution.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * npm packages the tests run against (real clients and tools, never assumed to be installed): each is installed
 * once with the machine's npm into target/npm/NAME@VERSION and reused by later runs of the same build.
 */
public final class NodePackages {
  private static final Path ROOT = Path.of("target", "npm");

  private NodePackages() {}

  /** The node_modules directory holding {@code packageSpec} (e.g. "ethers@6.16.0"), installing it if needed. */
  public static synchronized Path install(String packageSpec) {
    Path prefix = ROOT.resolve(packageSpec.replace('/', '_')).toAbsolutePath();
    Path modules = prefix.resolve("node_modules");
    if (Files.isRegularFile(prefix.resolve("installed"))) {
      return modules;
    }
    try {
      Files.createDirectories(prefix);
      Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", prefix.toString(), packageSpec))
          .redirectErrorStream(true).start();
      String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(npm.waitFor(180, TimeUnit.SECONDS)).as("npm install " + packageSpec + " finished in 180 s").isTrue();
      assertThat(npm.exitValue()).as("npm install " + packageSpec + ":\n" + output).isZero();
      Files.writeString(prefix.resolve("installed"), packageSpec);
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException("npm is needed for this test (node 20 and npm are on every machine here)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
