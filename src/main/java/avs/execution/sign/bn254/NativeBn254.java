package avs.execution.sign.bn254;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C kernel of BLS signing ({@code src/main/c}), built into the jar when a C compiler is there (Linux x86-64)
 * and loaded through JNI: the same map, sum and GLV multiplication as the Java classes, about three
 * times faster. Without it, or with {@code AVS_NATIVE=off} (or {@code -Davs.native=off}), signing stays in Java and
 * gives the same bytes.
 */
final class NativeBn254 {
  private static final Logger LOG = LoggerFactory.getLogger(NativeBn254.class);
  static final String RESOURCE = "/native/linux-amd64/libavsbn254.so";
  private static final boolean AVAILABLE = load();

  private NativeBn254() {}

  static boolean available() {
    return AVAILABLE;
  }

  /** Whether the library is part of this build (it is not when the build had no C compiler). */
  static boolean bundled() {
    return NativeBn254.class.getResource(RESOURCE) != null;
  }

  /**
   * sk·(map(t₀) + map(t₁)) with sk given as its GLV digits: {@code fieldElements} holds t₀ and t₁ (below p, four
   * little-endian limbs each); {@code out} receives the affine x and y the same way. False for infinity. The kernel
   * is built twice, for x86-64-v3 and for any x86-64; {@code baseline} runs the second even where the first could.
   */
  static native boolean sign(long[] fieldElements, byte[] first, byte[] second, long[] out, boolean baseline);

  private static boolean load() {
    String setting = System.getProperty("avs.native", System.getenv().getOrDefault("AVS_NATIVE", "auto")).toLowerCase(Locale.ROOT);
    if (setting.equals("off") || setting.equals("false")) {
      LOG.debug("native BN254 signing switched off (AVS_NATIVE={})", setting);
      return false;
    }
    boolean linuxX64 = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        && System.getProperty("os.arch", "").equals("amd64");
    if (!linuxX64 || !bundled()) {
      LOG.debug("no native BN254 library for {}/{} in this build: BLS signing in Java", System.getProperty("os.name"), System.getProperty("os.arch"));
      return false;
    }
    try (InputStream library = NativeBn254.class.getResourceAsStream(RESOURCE)) {
      Path file = Files.createTempFile("avsbn254-", ".so");
      file.toFile().deleteOnExit();
      Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
      System.load(file.toAbsolutePath().toString());
      return true;
    } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
      LOG.warn("cannot load the native BN254 library ({}): BLS signing stays in Java, with the same results, slower", e.toString());
      return false;
    }
  }
}
