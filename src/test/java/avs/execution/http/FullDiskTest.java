package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import avs.execution.json.Json;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The data directory on a small file system of its own (a tmpfs with a size limit, mounted by the test: it needs root,
 * as CI has, and is skipped without it), filled up while the service runs: triggers get 503 naming the full disk,
 * /health and /metrics say so, nothing accepted is lost, and the service recovers by itself once space is freed.
 */
class FullDiskTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  @TempDir Path mountPoint;
  private final StandInUpstreams upstreams = new StandInUpstreams();
  private ServiceHarness service;
  private boolean mounted;

  @BeforeEach
  void mountASmallFileSystem() throws Exception {
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString()).redirectErrorStream(true).start();
    mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
    Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + new String(mount.getInputStream().readAllBytes()).strip());
  }

  @AfterEach
  void unmount() throws Exception {
    if (service != null) {
      service.close();
    }
    upstreams.close();
    if (mounted) {
      new ProcessBuilder("umount", "-l", mountPoint.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskRefusesTriggersWith503LosesNothingAndRecoversWhenSpaceReturns() throws IOException {
    service = new ServiceHarness(mountPoint.resolve("data"), upstreams.variables(Map.of("PROOF_STORE", "embedded", "RETRY_BASE_MS", "50",
        "RETRY_MAX_MS", "200", "ACK_WAIT_MS", "2000")));
    int accepted = 5;
    for (int i = 0; i < accepted; i++) {
      assertThat(service.post("/task/execute", "{\"taskDefinitionId\":0}").statusCode()).isEqualTo(200);
    }
    await().atMost(PATIENCE).until(() -> counts().get("acknowledged").asLong() == accepted);

    Path filler = fill(mountPoint.resolve("filler"));
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = service.post("/task/execute", "{\"taskDefinitionId\":0}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(json(response).get("message").asString()).contains("the disk is full");
      JsonNode task = data(response);
      if (task != null && task.has("taskId")) {
        kept.add(task.get("taskId").asString()); // accepted before the full disk stopped it: must be done later
      }
    }
    HttpResponse<String> health = service.get("/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("DEGRADED", "the disk is full");
    assertThat(service.get("/metrics").body()).containsPattern("avs_storage_write_failing\\{store=\"(proofs|outbox)\"} 1");
    assertThat(counts().get("acknowledged").asLong()).as("what was accepted before the disk filled is still there").isEqualTo(accepted);

    Files.delete(filler);
    for (String id : kept) {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
          .until(() -> data(service.get("/task/" + id)).get("state").asString().equals("acknowledged"));
    }
    HttpResponse<String> after = service.post("/task/execute", "{\"taskDefinitionId\":0}");
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    await().atMost(PATIENCE).untilAsserted(() -> {
      HttpResponse<String> recovered = service.get("/health");
      assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
    });
    await().atMost(PATIENCE).until(() -> counts().get("acknowledged").asLong() == accepted + kept.size() + 1);
    assertThat(counts().get("failed").asLong()).as("a full disk fails no task").isZero();
    assertThat(counts().get("dead").asLong()).isZero();
    assertThat(counts().get("received").asLong() + counts().get("pending").asLong()).isZero();
  }

  /** Writes until the file system refuses (bounded: it is 4 MiB); the file that took the space. */
  private static Path fill(Path filler) throws IOException {
    byte[] chunk = new byte[16 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int i = 0; i < 1024; i++) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("No space left");
      return filler;
    }
    throw new IllegalStateException("4 MiB of tmpfs took 16 MiB: the size limit did not hold");
  }

  private JsonNode counts() {
    return data(service.get("/tasks")).get("counts");
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }

  private static JsonNode data(HttpResponse<String> response) {
    return json(response).get("data");
  }
}
