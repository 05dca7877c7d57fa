package avs.execution.cli;

import avs.execution.proof.CidVersion;
import avs.execution.proof.UnixFsDag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cid", mixinStandardHelpOptions = true,
    description = "Print each file's CID as `ipfs add --only-hash -Q` would (Kubo defaults), one line per file; - reads stdin.")
public final class CidCommand implements Callable<Integer> {
  private static final long PROGRESS_STEP = 256L << 20;
  private final CliContext context;

  @Option(names = "--cid-version", paramLabel = "0|1", defaultValue = "0", description = "0 (Qm…, default) or 1 (raw leaves, base32)")
  int cidVersion;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "files to hash")
  List<String> files;

  public CidCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    CidVersion version;
    try {
      version = CidVersion.of(cidVersion);
    } catch (IllegalArgumentException e) {
      context.err().println("cid: --cid-version " + e.getMessage());
      return 2;
    }
    int failures = 0;
    for (String file : files) {
      try (InputStream in = file.equals("-") ? context.in() : Files.newInputStream(context.workingDirectory().resolve(file))) {
        context.out().println(hash(file, in, version));
      } catch (IOException e) {
        context.err().println("cid: cannot read " + file + ": " + e.getMessage());
        failures++;
      }
    }
    context.out().flush();
    return failures == 0 ? 0 : 1;
  }

  /** Streams the file through the DAG builder, reporting progress on stderr for big inputs. */
  private String hash(String name, InputStream in, CidVersion version) throws IOException {
    UnixFsDag dag = new UnixFsDag(version);
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    long nextReport = PROGRESS_STEP;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      dag.write(buffer, 0, n);
      total += n;
      if (total >= nextReport) {
        context.err().printf("cid: %s: %d MiB hashed%n", name, total >> 20);
        nextReport += PROGRESS_STEP;
      }
    }
    return dag.finish();
  }

}
