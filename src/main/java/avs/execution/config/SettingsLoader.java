package avs.execution.config;

import avs.execution.logging.Secret;
import avs.execution.pipeline.DeliveryPolicy;
import avs.execution.proof.KuboSettings;
import avs.execution.proof.PinataSettings;
import avs.execution.proof.ProofSettings;
import avs.execution.sign.EthAddress;
import avs.execution.sign.Keystore;
import avs.execution.sign.SignatureType;
import avs.execution.submit.NodeSettings;
import avs.execution.task.TaskSpec;
import avs.execution.task.price.PriceOracleSettings;
import avs.execution.trigger.TriggerSpec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds {@link Settings} from, in this order of precedence: command-line flags, the environment, a {@code .env}
 * file, defaults. Every problem is collected and reported at once, each naming its variable; secret values are
 * never quoted back.
 */
public final class SettingsLoader extends VariableReader {
  public static final String DEFAULT_ORACLE_BASE_URL = "https://api.binance.com/api/v3/";
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");

  private final Path workingDirectory;
  /** Where adapter commands start: the tasks file's directory, else the working directory. */
  private Path tasksDirectory;
  private final List<TriggerSpec> triggers = new ArrayList<>();

  private SettingsLoader(Map<String, String> values, Path workingDirectory) {
    super(values);
    this.workingDirectory = workingDirectory;
    this.tasksDirectory = workingDirectory;
  }

  /** Merges the sources (flags win over the environment, which wins over the .env file) and validates. */
  public static Settings load(Map<String, String> flags, Map<String, String> environment, Path dotEnvFile) {
    return load(flags, environment, dotEnvFile, dotEnvFile.toAbsolutePath().getParent());
  }

  /** As above, with relative paths (the tasks file) resolved against {@code workingDirectory}. */
  public static Settings load(Map<String, String> flags, Map<String, String> environment, Path dotEnvFile, Path workingDirectory) {
    Map<String, String> merged = new HashMap<>(DotEnv.read(dotEnvFile));
    environment.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        merged.put(k, v);
      }
    });
    merged.putAll(flags);
    return new SettingsLoader(merged, workingDirectory).build();
  }

  private Settings build() {
    Settings.Server server = new Settings.Server(
        text("BIND_ADDRESS", "127.0.0.1"), integer("PORT", 4003, 0, 65535), integer("MAX_BODY_BYTES", 65536, 256, 16 << 20),
        integer("MAX_HEADER_BYTES", 16384, 1024, 1 << 20), integer("MAX_INPUT_BYTES", 16384, 2, 16 << 20), millis("HEADERS_TIMEOUT_MS", 10_000),
        millis("BODY_TIMEOUT_MS", 30_000), millis("KEEP_ALIVE_TIMEOUT_MS", 120_000), allowedHosts());
    NodeSettings node = new NodeSettings(url("OTHENTIC_CLIENT_RPC_ADDRESS", "http://127.0.0.1:8545"), millis("NODE_TIMEOUT_MS", 10_000),
        integer("NODE_BATCH_MAX", NodeSettings.DEFAULT_BATCH_MAX, 1, 1_000));
    PriceOracleSettings oracle = new PriceOracleSettings(directoryUrl("ORACLE_BASE_URL", DEFAULT_ORACLE_BASE_URL), symbol(),
        millis("EXCHANGE_TIMEOUT_MS", 5_000), fraction("ALLOWED_PRICE_DEVIATION", new BigDecimal("0.05")),
        Duration.ofSeconds(integer("PROOF_MAX_AGE_SECONDS", 3_600, 1, 30 * 24 * 3_600)));
    ProofSettings.Kind store = proofStore();
    ProofSettings proofs = new ProofSettings(store, integer("CID_VERSION", 0, 0, 1), pinata(),
        store == ProofSettings.Kind.KUBO ? kubo() : Optional.empty());
    Optional<Secret> key = privateKey();
    SignatureType signatureType = signatureType();
    Path dataDir = Path.of(text("DATA_DIR", "data"));
    Settings.Validation validation = validation();
    StorageVariables storage = new StorageVariables(this);
    List<String> otherProblems = new ArrayList<>(problems);
    problems.clear();
    List<TaskSpec> tasks = tasks(); // sets tasksDirectory when the tasks come from a file
    schedules(tasks);
    List<String> taskProblems = List.copyOf(problems);
    problems.clear();
    problems.addAll(otherProblems);
    Settings settings = new Settings(
        server,
        dataDir,
        key,
        signatureType,
        performerAddress(),
        node,
        targetChains(),
        oracle,
        tasks,
        taskProblems,
        tasksDirectory,
        proofs,
        millis("CONNECT_TIMEOUT_MS", 3_000),
        storage.outbox(dataDir),
        delivery(),
        validation,
        nodeApi(validation.services()),
        variables(),
        List.copyOf(triggers),
        new Settings.Console(consoleToken()),
        storage.retention(oracle.maxProofAge()));
    if (!problems.isEmpty()) {
      List<String> all = new ArrayList<>(problems);
      all.addAll(taskProblems);
      throw new ConfigException(all);
    }
    return settings;
  }

  /**
   * The task entries: from the tasks file (TASKS_FILE, or tasks.yaml in the working directory when there is one), or
   * TASK_DEFINITIONS (default {@code *=price-oracle}, the reference's behaviour); both at once is a problem.
   */
  private List<TaskSpec> tasks() {
    Optional<String> named = optional("TASKS_FILE");
    Path defaultFile = workingDirectory.resolve(TasksFile.DEFAULT_NAME);
    Optional<Path> file = named.map(n -> workingDirectory.resolve(n)).or(() -> Files.isRegularFile(defaultFile) ? Optional.of(defaultFile) : Optional.empty());
    Optional<String> definitions = optional("TASK_DEFINITIONS");
    if (file.isPresent() && definitions.isPresent()) {
      problems.add("both " + (named.isPresent() ? "TASKS_FILE" : "a tasks file (" + defaultFile + ")") + " and TASK_DEFINITIONS are set: "
          + "keep the tasks in one place (the file can say builtin: price-oracle)");
      return List.of();
    }
    if (file.isPresent()) {
      if (!Files.isRegularFile(file.get())) {
        problems.add("TASKS_FILE " + file.get() + " does not exist: check the path (relative paths start in " + workingDirectory + ")");
        return List.of();
      }
      tasksDirectory = file.get().toAbsolutePath().getParent();
      return TasksFile.read(file.get(), problems, triggers);
    }
    return TaskEntries.fromVariable(definitions.orElse("*=price-oracle"), problems);
  }

  /**
   * SCHEDULE: interval triggers without a tasks file, {@code ID:EVERY} pairs ({@code 0:30s,7:5m}), each as the tasks
   * file's {@code trigger: {interval: {every: EVERY}}} on that task (catch-up: last).
   */
  private void schedules(List<TaskSpec> tasks) {
    Optional<String> value = optional("SCHEDULE");
    if (value.isEmpty()) {
      return;
    }
    for (String raw : value.get().split(",")) {
      String entry = raw.strip();
      String place = "SCHEDULE entry \"" + entry + "\"";
      String[] parts = entry.split(":", 2);
      if (parts.length != 2 || !parts[0].strip().matches("[0-9]{1,5}") || parts[1].isBlank()) {
        problems.add(place + " is not ID:EVERY (e.g. 0:30s, a taskDefinitionId and how often)");
        continue;
      }
      int id = Integer.parseInt(parts[0].strip());
      Optional<TaskSpec> task = tasks.stream().filter(t -> t.id().isPresent() && t.id().getAsInt() == id).findFirst()
          .or(() -> tasks.stream().filter(t -> t.id().isEmpty()).findFirst());
      if (task.isEmpty()) {
        problems.add(place + ": no task has taskDefinitionId " + id);
        continue;
      }
      if (triggers.stream().anyMatch(t -> t.taskDefinitionId() == id && t.kind().equals("interval"))) {
        problems.add(place + ": task " + id + " has an interval trigger in the tasks file already");
        continue;
      }
      var block = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      block.putObject("interval").put("every", parts[1].strip());
      triggers.add(new TriggerSpec(id, task.get().name(), "interval", block, place));
    }
  }

  /** Every variable, as a secret: tasks name the ones they are given ({@code ${API_TOKEN}}), and nothing prints them. */
  private Map<String, Secret> variables() {
    Map<String, Secret> secrets = new HashMap<>();
    values.forEach((name, value) -> secrets.put(name, new Secret(value)));
    return Map.copyOf(secrets);
  }

  private DeliveryPolicy delivery() {
    DeliveryPolicy delivery = new DeliveryPolicy(
        millis("ACK_WAIT_MS", 10_000),
        integer("SUBMIT_MAX_ATTEMPTS", 100, 1, 1_000_000),
        Duration.ofSeconds(integer("TASK_DEADLINE_SECONDS", 3_600, 1, 30 * 24 * 3_600)),
        millis("RETRY_BASE_MS", 250),
        millis("RETRY_MAX_MS", 30_000),
        integer("SUBMIT_CONCURRENCY", 32, 1, 4_096),
        integer("MAX_IN_FLIGHT", 512, 1, 1_000_000),
        integer("MAX_QUEUED", 100_000, 1, 100_000_000));
    if (delivery.retryMax().compareTo(delivery.retryBase()) < 0) {
      problems.add("RETRY_MAX_MS must be at least RETRY_BASE_MS");
    }
    return delivery;
  }

  private Settings.Validation validation() {
    return new Settings.Validation(integer("VALIDATION_PORT", 4002, 0, 65535), services());
  }

  /**
   * NODE_API_PORT ({@code off} for none; default 9010, or 9011 for a process that runs only the validation service,
   * so that {@code avs serve} and {@code avs validate} can share a machine), HEALTH_BACKLOG_LIMIT,
   * NODE_UNHEALTHY_AFTER_SECONDS.
   */
  private Settings.NodeApi nodeApi(Set<Settings.Service> services) {
    int defaultPort = services.equals(EnumSet.of(Settings.Service.VALIDATION)) ? 9011 : 9010;
    java.util.OptionalInt port = text("NODE_API_PORT", "").equalsIgnoreCase("off")
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(integer("NODE_API_PORT", defaultPort, 0, 65535));
    return new Settings.NodeApi(port, integer("HEALTH_BACKLOG_LIMIT", 1_000, 1, Integer.MAX_VALUE),
        Duration.ofSeconds(integer("NODE_UNHEALTHY_AFTER_SECONDS", 300, 0, 7 * 24 * 3_600)));
  }

  /** ALLOWED_HOSTS: Host names the ports answer to besides the bind address and loopback, comma-separated; * for any. */
  private Set<String> allowedHosts() {
    Set<String> hosts = new java.util.LinkedHashSet<>();
    for (String name : text("ALLOWED_HOSTS", "").split(",")) {
      String host = name.strip();
      if (host.isEmpty()) {
        continue;
      }
      if (!host.equals("*") && !HOST_NAME.matcher(host).matches()) {
        problems.add("ALLOWED_HOSTS must list host names or addresses without ports, comma-separated, or * for any (got \"" + host + "\")");
      }
      hosts.add(host);
    }
    return Set.copyOf(hosts);
  }

  /** SERVICES: which halves {@code serve} runs, e.g. "execution" (the default) or "execution,validation". */
  private Set<Settings.Service> services() {
    String raw = text("SERVICES", "execution");
    Set<Settings.Service> services = EnumSet.noneOf(Settings.Service.class);
    for (String name : raw.split(",")) {
      try {
        services.add(Settings.Service.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add("SERVICES must list execution and/or validation, comma-separated (got \"" + raw + "\")");
        return EnumSet.of(Settings.Service.EXECUTION);
      }
    }
    return services;
  }

  private Optional<Secret> consoleToken() {
    Optional<String> token = optional("CONSOLE_TOKEN");
    if (token.isPresent() && token.get().strip().length() < 16) {
      problems.add("CONSOLE_TOKEN must be at least 16 characters (it guards re-queueing from the console); "
          + "make one with: openssl rand -hex 16");
    }
    return token.map(t -> new Secret(t.strip()));
  }

  private PinataSettings pinata() {
    Optional<URI> gateway = optional("PINATA_GATEWAY").or(() -> optional("IPFS_HOST")).map(g -> parseUrl("PINATA_GATEWAY", g, true));
    return new PinataSettings(
        url("PINATA_API_URL", "https://api.pinata.cloud"),
        optional("PINATA_API_KEY"),
        optional("PINATA_SECRET_API_KEY").map(Secret::new),
        optional("PINATA_JWT").map(Secret::new),
        gateway,
        millis("PINNING_TIMEOUT_MS", 15_000));
  }

  /**
   * PROOF_STORE=kubo: IPFS_API_URL (required: the node's RPC, e.g. http://127.0.0.1:5001), IPFS_API_AUTH (an
   * Authorization header value, a secret), IPFS_GATEWAY (default: the API's host on Kubo's gateway port 8080).
   */
  private Optional<KuboSettings> kubo() {
    Optional<String> api = optional("IPFS_API_URL");
    if (api.isEmpty()) {
      problems.add("PROOF_STORE=kubo needs IPFS_API_URL: the IPFS node's RPC address, e.g. http://127.0.0.1:5001");
      return Optional.empty();
    }
    URI apiUrl = parseUrl("IPFS_API_URL", api.get(), false);
    URI gateway = optional("IPFS_GATEWAY").map(g -> parseUrl("IPFS_GATEWAY", g, true))
        .orElseGet(() -> URI.create(apiUrl.getScheme() + "://" + apiUrl.getHost() + ":8080/ipfs/"));
    return Optional.of(new KuboSettings(apiUrl, optional("IPFS_API_AUTH").map(Secret::new), gateway, millis("PINNING_TIMEOUT_MS", 15_000)));
  }

  private ProofSettings.Kind proofStore() {
    String kind = text("PROOF_STORE", "auto").toLowerCase();
    boolean pinataCredentials = optional("PINATA_JWT").isPresent()
        || (optional("PINATA_API_KEY").isPresent() && optional("PINATA_SECRET_API_KEY").isPresent());
    return switch (kind) {
      case "embedded" -> ProofSettings.Kind.EMBEDDED;
      case "kubo" -> ProofSettings.Kind.KUBO;
      case "pinata" -> {
        if (!pinataCredentials) {
          problems.add("PROOF_STORE=pinata needs PINATA_API_KEY and PINATA_SECRET_API_KEY, or PINATA_JWT");
        }
        yield ProofSettings.Kind.PINATA;
      }
      // The reference pins to Pinata whenever its keys are in .env; keep that for teams who swap us in.
      case "auto" -> pinataCredentials ? ProofSettings.Kind.PINATA : ProofSettings.Kind.EMBEDDED;
      default -> {
        problems.add("PROOF_STORE must be embedded, pinata, kubo or auto (got \"" + kind + "\")");
        yield ProofSettings.Kind.EMBEDDED;
      }
    };
  }

  /**
   * The performer key from exactly one source: PRIVATE_KEY_PERFORMER (or PRIVATE_KEY), PRIVATE_KEY_FILE, or
   * KEYSTORE_FILE with KEYSTORE_PASSWORD or KEYSTORE_PASSWORD_FILE. Problems name the variable and the file,
   * never the key or the password.
   */
  private Optional<Secret> privateKey() {
    Optional<String> inline = optional("PRIVATE_KEY_PERFORMER").or(() -> optional("PRIVATE_KEY"));
    Optional<String> keyFile = optional("PRIVATE_KEY_FILE");
    Optional<String> keystore = optional("KEYSTORE_FILE");
    if ((inline.isPresent() ? 1 : 0) + (keyFile.isPresent() ? 1 : 0) + (keystore.isPresent() ? 1 : 0) > 1) {
      problems.add("set only one of PRIVATE_KEY_PERFORMER (or PRIVATE_KEY), PRIVATE_KEY_FILE and KEYSTORE_FILE");
      return Optional.empty();
    }
    if (keyFile.isPresent()) {
      return readFile("PRIVATE_KEY_FILE", keyFile.get()).map(text -> new Secret(text.strip()));
    }
    if (keystore.isPresent()) {
      Optional<String> password = optional("KEYSTORE_PASSWORD").isPresent() ? Optional.of(values.get("KEYSTORE_PASSWORD"))
          : optional("KEYSTORE_PASSWORD_FILE").flatMap(f -> readFile("KEYSTORE_PASSWORD_FILE", f)).map(VariableReader::withoutLineEnd);
      if (password.isEmpty()) {
        if (optional("KEYSTORE_PASSWORD_FILE").isEmpty()) {
          problems.add("KEYSTORE_FILE needs KEYSTORE_PASSWORD or KEYSTORE_PASSWORD_FILE");
        }
        return Optional.empty();
      }
      Optional<String> json = readFile("KEYSTORE_FILE", keystore.get());
      try {
        return json.map(j -> new Secret(Keystore.decrypt(j, password.get())));
      } catch (IllegalArgumentException e) {
        problems.add("KEYSTORE_FILE " + keystore.get() + ": " + e.getMessage());
        return Optional.empty();
      }
    }
    return inline.map(Secret::new);
  }



  private TargetChains targetChains() {
    try {
      return optional("L2_CHAIN").map(TargetChains::parse).orElse(TargetChains.ANY);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return TargetChains.ANY;
    }
  }

  private SignatureType signatureType() {
    String name = text("SIGNATURE_TYPE", "ecdsa").toLowerCase();
    try {
      return SignatureType.fromWireName(name);
    } catch (IllegalArgumentException e) {
      problems.add("SIGNATURE_TYPE must be ecdsa or bls (got \"" + name + "\")");
      return SignatureType.ECDSA;
    }
  }

  private Optional<String> performerAddress() {
    Optional<String> address = optional("PERFORMER_ADDRESS");
    address.ifPresent(a -> {
      if (!ADDRESS.matcher(a).matches()) {
        problems.add("PERFORMER_ADDRESS must be 0x followed by 40 hex digits (got \"" + a + "\")");
      } else if (!a.substring(2).equals(a.substring(2).toLowerCase()) && !a.substring(2).equals(a.substring(2).toUpperCase())
          && !EthAddress.checksummed(a).equals(a)) {
        problems.add("PERFORMER_ADDRESS " + a + " has mixed case but a wrong EIP-55 checksum: check it for a typo (expected "
            + EthAddress.checksummed(a) + " if the digits are right)");
      }
    });
    return address;
  }

  private String symbol() {
    String symbol = text("ORACLE_SYMBOL", "ETHUSDT");
    if (!SYMBOL.matcher(symbol).matches()) {
      problems.add("ORACLE_SYMBOL must be an exchange symbol such as ETHUSDT: 2 to 20 upper-case letters or digits (got \"" + symbol + "\")");
    }
    return symbol;
  }
}
