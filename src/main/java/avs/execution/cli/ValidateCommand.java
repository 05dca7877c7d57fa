package avs.execution.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Run only the validation service attesters call: POST /task/validate and POST /p2p/message.",
        "Proofs are read through PINATA_GATEWAY (or IPFS_HOST) when set, else from the embedded store in DATA_DIR.",
        "Needs no key: this is what an attester operator runs."})
public final class ValidateCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  @Option(names = "--validation-port", paramLabel = "PORT", description = "VALIDATION_PORT: HTTP port (default 4002)")
  Integer validationPort;

  @Option(names = "--gateway", paramLabel = "URL", description = "PINATA_GATEWAY: IPFS gateway ending in /ipfs/, e.g. http://127.0.0.1:4003/ipfs/")
  String gateway;

  @Option(names = "--allowed-deviation", paramLabel = "FRACTION", description = "ALLOWED_PRICE_DEVIATION: e.g. 0.05 for ±5 %% (default)")
  String allowedDeviation;

  public ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> flags = new java.util.HashMap<>(Map.of("SERVICES", "validation"));
    if (validationPort != null) {
      flags.put("VALIDATION_PORT", validationPort.toString());
    }
    if (gateway != null) {
      flags.put("PINATA_GATEWAY", gateway);
    }
    if (allowedDeviation != null) {
      flags.put("ALLOWED_PRICE_DEVIATION", allowedDeviation);
    }
    return ServeCommand.run(context, options.load(context, flags));
  }
}
