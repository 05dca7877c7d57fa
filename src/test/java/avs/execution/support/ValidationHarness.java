package avs.execution.support;

import avs.execution.ValidationService;
import avs.execution.config.SettingsLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The validation service alone on port 0 with the given variables (no key: attesters run it so), and a client. */
public final class ValidationHarness implements AutoCloseable {
  private final ValidationService service;
  private final LoopbackClient client;

  public ValidationHarness(Path dataDir, Map<String, String> variables) {
    Map<String, String> all = new HashMap<>();
    all.put("VALIDATION_PORT", "0");
    all.put("DATA_DIR", dataDir.toString());
    all.put("EXCHANGE_TIMEOUT_MS", "1000");
    all.put("PINNING_TIMEOUT_MS", "1000");
    all.putAll(variables);
    service = ValidationService.start(SettingsLoader.load(all, Map.of(), dataDir.resolve("no.env")));
    client = new LoopbackClient(service.port());
  }

  public HttpResponse<String> post(String path, String body) {
    return client.post(path, body);
  }

  public HttpResponse<String> get(String path) {
    return client.get(path);
  }

  @Override
  public void close() {
    service.close();
    client.close();
  }
}
