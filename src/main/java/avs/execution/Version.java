package avs.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The product's version as Maven built it (a filtered resource, so the jar, the exploded image and the IDE agree). */
public final class Version implements IVersionProvider {
  public static final String NAME = "avs-execution";
  public static final String NUMBER = load();

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/avs-execution.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the version resource", e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {NAME + " " + NUMBER};
  }
}
