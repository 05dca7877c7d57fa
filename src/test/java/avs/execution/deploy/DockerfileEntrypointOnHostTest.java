package avs.execution.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.proof.CidVersion;
import avs.execution.proof.UnixFsDag;
import avs.execution.support.DockerfileSpec;
import avs.execution.support.LoopbackClient;
import avs.execution.support.LoopbackServer;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The image's process without the image: the Dockerfile's entrypoint and command, run on this machine as a child
 * process with the Dockerfile's environment, the compose file's {@code execution-service} environment and an
 * Othentic-style {@code .env} (Pinata keys included, so proofs are pinned as the reference pins them). What cannot be
 * the same outside a container is replaced, and only that: {@code /app/…} by this build's classpath, {@code java} by
 * this JVM, the p2p network's addresses by loopback stand-ins, fixed ports by free ones, 0.0.0.0 by 127.0.0.1.
 * Then the container's HEALTHCHECK command must pass and a task must be served end to end.
 */
class DockerfileEntrypointOnHostTest {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");

  @TempDir
  Path dir;

  @Test
  void theEntrypointWithTheComposeEnvironmentServesATaskAndPassesItsHealthcheck() throws Exception {
    DockerfileSpec dockerfile = DockerfileSpec.parse(Path.of("Dockerfile"));
    JsonNode compose = new YAMLMapper().readTree(Path.of("deploy/compose/docker-compose.yml").toFile());
    JsonNode execution = compose.get("services").get("execution-service");
    List<String> pinned = new CopyOnWriteArrayList<>();
    try (StandInUpstreams upstreams = new StandInUpstreams();
        LoopbackServer pinata = LoopbackServer.start(routes -> routes.post("/pinning/pinJSONToIPFS", (req, res) -> {
          JsonNode body = Json.MAPPER.readTree(req.content().as(byte[].class));
          String cid = UnixFsDag.cidOf(Json.bytes(body.get("pinataContent")), CidVersion.V0);
          pinned.add(req.headers().first(io.helidon.http.HeaderNames.create("pinata_api_key")).orElse("") + " " + cid);
          res.send("{\"IpfsHash\":\"" + cid + "\",\"PinSize\":1,\"Timestamp\":\"2026-12-02T00:00:00Z\"}");
        }))) {
      Map<String, String> dotEnv = new HashMap<>(Map.of(
          "PRIVATE_KEY_PERFORMER", ServiceHarness.KEY,
          "PINATA_API_KEY", "7824585a98fe36414d68",
          "PINATA_SECRET_API_KEY", "41a53a837879721969e73008d91180df30dbc66097c7f75f08cd5489176b43ea",
          "PINATA_GATEWAY", "https://othentic.mypinata.cloud/ipfs/",
          "PINATA_API_URL", pinata.url("")));
      Map<String, String> env = new HashMap<>(dockerfile.env());
      env.putAll(dotEnv); // env_file: .env
      for (JsonNode entry : execution.get("environment")) {
        String[] pair = entry.stringValue().split("=", 2);
        env.put(pair[0], substitute(pair[1], dotEnv));
      }
      assertThat(env).containsEntry("PRIVATE_KEY", ServiceHarness.KEY).containsEntry("OTHENTIC_CLIENT_RPC_ADDRESS", "http://10.8.0.69:8545");
      int port = LoopbackServer.closedPort();
      int nodeApiPort = LoopbackServer.closedPort();
      env.put("OTHENTIC_CLIENT_RPC_ADDRESS", "http://127.0.0.1:" + upstreams.node.port() + "/");
      env.put("ORACLE_BASE_URL", upstreams.exchange.baseUrl());
      env.put("BIND_ADDRESS", "127.0.0.1");
      env.put("DATA_DIR", dir.resolve("data").toString());
      env.put("PORT", Integer.toString(port));
      env.put("NODE_API_PORT", Integer.toString(nodeApiPort));
      env.remove("PRIVATE_KEY_PERFORMER"); // the container sees it only as PRIVATE_KEY, through the compose file

      List<String> command = onThisHost(dockerfile.entrypoint());
      for (JsonNode arg : execution.get("command")) {
        command.add(arg.stringValue());
      }
      Process service = start(command, env, dir.resolve("service.log"));
      try {
        List<String> healthcheck = onThisHost(dockerfile.healthcheck());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
          assertThat(service.isAlive()).as("the service exited: " + Files.readString(dir.resolve("service.log"))).isTrue();
          return run(healthcheck, env, dir.resolve("health.log")) == 0;
        });
        try (LoopbackClient client = new LoopbackClient(port)) {
          var answer = client.post("/task/execute", "{\"taskDefinitionId\":0}");
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          assertThat(answer.body()).contains("\"error\":false").contains("Task executed successfully");
        }
        assertThat(upstreams.node.received()).hasSize(1);
        assertThat(pinned).singleElement().asString().startsWith("7824585a98fe36414d68 Qm");
        assertThat(Files.readString(dir.resolve("service.log"))).doesNotContain(ServiceHarness.KEY.substring(2))
            .doesNotContain("41a53a837879721969e73008d91180df30dbc66097c7f75f08cd5489176b43ea");
      } finally {
        service.destroy();
        assertThat(service.waitFor(20, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(run(onThisHost(dockerfile.healthcheck()), env, dir.resolve("health-after.log"))).isEqualTo(1);
    }
  }

  /**
   * The image's paths and binary, mapped onto this build: /app/… is this JVM's classpath, java is this JVM. The
   * image's AOT cache is not on this host, so the JVM starts without it, as in Jib's image; a JVM older than the
   * image's 25 does not know the cache's options, so they are left out for it.
   */
  private static List<String> onThisHost(List<String> imageCommand) {
    String classpath = System.getProperty("java.class.path");
    assertThat(classpath).contains("helidon-webserver");
    List<String> command = new ArrayList<>();
    for (String arg : imageCommand) {
      if (Runtime.version().feature() < 25 && (arg.startsWith("-XX:AOTCache=") || arg.startsWith("-Xlog:aot")
          || arg.startsWith("-Xlog:cds"))) {
        continue;
      }
      if (arg.equals("java")) {
        command.add(ProcessHandle.current().info().command().orElseThrow());
      } else if (arg.startsWith("/app/")) {
        command.add(classpath);
      } else {
        command.add(arg);
      }
    }
    return command;
  }

  private static String substitute(String value, Map<String, String> dotEnv) {
    Matcher matcher = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement = dotEnv.getOrDefault(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }

  private int run(List<String> command, Map<String, String> env, Path log) throws IOException, InterruptedException {
    Process process = start(command, env, log);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
