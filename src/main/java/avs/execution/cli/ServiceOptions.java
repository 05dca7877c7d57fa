package avs.execution.cli;

import avs.execution.config.Settings;
import avs.execution.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Flags that override the environment and the .env file; each is named after the variable it overrides. There is
 * deliberately no flag for the private key: command lines show up in process lists.
 */
public final class ServiceOptions {
  @Option(names = "--env-file", paramLabel = "FILE", description = "the .env file to read (default: .env in the working directory)")
  Path envFile;

  @Option(names = "--port", description = "PORT: HTTP port (default 4003)")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "BIND_ADDRESS: address to listen on (default 127.0.0.1; 0.0.0.0 in containers)")
  String bind;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "DATA_DIR: where the embedded proof store keeps files (default ./data)")
  Path dataDir;

  @Option(names = "--node-rpc", paramLabel = "URL", description = "OTHENTIC_CLIENT_RPC_ADDRESS: the Othentic node's JSON-RPC URL (default http://127.0.0.1:8545)")
  String nodeRpc;

  @Option(names = "--oracle-base-url", paramLabel = "URL", description = "ORACLE_BASE_URL: exchange API base (default " + SettingsLoader.DEFAULT_ORACLE_BASE_URL + ")")
  String oracleBaseUrl;

  @Option(names = "--symbol", description = "ORACLE_SYMBOL: the price oracle's symbol (default ETHUSDT)")
  String symbol;

  @Option(names = "--proof-store", paramLabel = "KIND", description = "PROOF_STORE: embedded, pinata or auto (default auto: pinata when its keys are set)")
  String proofStore;

  @Option(names = "--cid-version", paramLabel = "0|1", description = "CID_VERSION: 0 (Qm…, default) or 1 (bafy…)")
  Integer cidVersion;

  @Option(names = "--signature-type", paramLabel = "ecdsa|bls", description = "SIGNATURE_TYPE: ecdsa (default) or bls; bls needs PERFORMER_ADDRESS")
  String signatureType;

  @Option(names = "--tasks-file", paramLabel = "FILE", description = "TASKS_FILE: the tasks file (default: tasks.yaml in the working directory, if any)")
  String tasksFile;

  @Option(names = "--tasks", paramLabel = "SPEC", description = "TASK_DEFINITIONS: id=task pairs, e.g. 0=price-oracle; default *=price-oracle")
  String tasks;

  Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, "PORT", port);
    put(flags, "BIND_ADDRESS", bind);
    put(flags, "DATA_DIR", dataDir);
    put(flags, "OTHENTIC_CLIENT_RPC_ADDRESS", nodeRpc);
    put(flags, "ORACLE_BASE_URL", oracleBaseUrl);
    put(flags, "ORACLE_SYMBOL", symbol);
    put(flags, "PROOF_STORE", proofStore);
    put(flags, "CID_VERSION", cidVersion);
    put(flags, "TASK_DEFINITIONS", tasks);
    put(flags, "TASKS_FILE", tasksFile);
    put(flags, "SIGNATURE_TYPE", signatureType);
    return flags;
  }

  Settings load(CliContext context, Map<String, String> extra) {
    Map<String, String> flags = new LinkedHashMap<>(extra);
    flags.putAll(flags());
    Path dotEnv = envFile != null ? envFile : context.workingDirectory().resolve(".env");
    return SettingsLoader.load(flags, context.environment(), dotEnv);
  }

  /** Settings where the given values win even over flags: for services a command runs with ports and paths of its own. */
  Settings loadOverriding(CliContext context, Map<String, String> overrides) {
    Map<String, String> flags = new LinkedHashMap<>(flags());
    flags.putAll(overrides);
    Path dotEnv = envFile != null ? envFile : context.workingDirectory().resolve(".env");
    return SettingsLoader.load(flags, context.environment(), dotEnv);
  }

  private static void put(Map<String, String> flags, String name, Object value) {
    if (value != null) {
      flags.put(name, value.toString());
    }
  }
}
