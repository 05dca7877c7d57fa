package avs.execution.support;

import avs.execution.ExecutionService;
import avs.execution.config.SettingsLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The whole execution service on port 0 with the given variables, and a client to call it. */
public final class ServiceHarness implements AutoCloseable {
  public static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  public static final String ADDRESS = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
  private final ExecutionService service;
  private final LoopbackClient client;

  public ServiceHarness(Path dataDir, Map<String, String> variables) {
    Map<String, String> all = new HashMap<>();
    all.put("PORT", "0");
    all.put("DATA_DIR", dataDir.toString());
    all.put("PRIVATE_KEY_PERFORMER", KEY);
    all.put("EXCHANGE_TIMEOUT_MS", "1000");
    all.put("NODE_TIMEOUT_MS", "1000");
    all.put("PINNING_TIMEOUT_MS", "1000");
    all.putAll(variables);
    service = ExecutionService.start(SettingsLoader.load(all, Map.of(), dataDir.resolve("no.env")));
    client = new LoopbackClient(service.port());
  }

  /** POST with extra headers, given as name, value, name, value… */
  public HttpResponse<String> post(String path, String body, String... headers) {
    return client.post(path, body, headers);
  }

  public HttpResponse<String> get(String path) {
    return client.get(path);
  }

  public int port() {
    return service.port();
  }

  public java.util.List<avs.execution.health.HealthCheck> healthChecks() {
    return service.healthChecks();
  }

  public int requeueDead(java.util.List<String> taskIds) {
    return service.requeueDead(taskIds);
  }

  @Override
  public void close() {
    service.close();
    client.close();
  }
}
