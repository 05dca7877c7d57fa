package avs.execution.upstream;

import avs.execution.error.Upstreams;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one upstream exchange costs this JVM: a pin as the service sends it (a POST of a proof document with Pinata's
 * headers and a request timeout, the answer read as a String) to bench/side-by-side/upstreams.cjs, from many
 * virtual threads at once. {@code plain}: the service's client ({@link Upstreams#newClient}); {@code jdk}: the JDK
 * client alone, configured as the service configured it before. CPU is this process's only, per exchange. Run by
 * bench/client-cost.sh; not a test.
 */
public final class UpstreamClientCost {
  private static final String PROOF = "{\"pinataContent\":{\"price\":\"3412.15000000\",\"symbol\":\"ETHUSDT\",\"timestamp\":1764700000000},"
      + "\"pinataOptions\":{\"cidVersion\":0},\"pinataMetadata\":{\"name\":\"proof-QmYeN3kW4tb9pY9dR4bBvF9RCbfnSNWaeYGu1ucwN5XFko\"}}";

  private UpstreamClientCost() {}

  public static void main(String[] args) throws Exception {
    String client = args[0];
    URI url = URI.create(args[1]);
    int exchanges = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    HttpClient http = switch (client) {
      case "plain" -> Upstreams.newClient(Duration.ofSeconds(2));
      case "jdk" -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).executor(Runnable::run).build();
      default -> throw new IllegalArgumentException("client: plain or jdk");
    };
    HttpRequest pin = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header("pinata_api_key", "standin-key").header("pinata_secret_api_key", "standin-secret").POST(HttpRequest.BodyPublishers.ofString(PROOF)).build();
    for (int round = 1; round <= 3; round++) {
      measure(http, pin, (round == 1 ? "warm-up" : "round " + (round - 1)) + ", " + client + " client, poller mode "
          + System.getProperty("jdk.pollerMode", "default"), exchanges, concurrency);
    }
    System.exit(0);
  }

  private static void measure(HttpClient http, HttpRequest pin, String label, int exchanges, int concurrency) throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong left = new AtomicLong(exchanges);
    AtomicLong failures = new AtomicLong();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        callers.submit(() -> {
          while (left.getAndDecrement() > 0) {
            try {
              HttpResponse<String> answer = http.send(pin, HttpResponse.BodyHandlers.ofString());
              if (answer.statusCode() != 200 || !answer.body().contains("IpfsHash")) {
                failures.incrementAndGet();
              }
            } catch (Exception e) {
              failures.incrementAndGet();
            }
          }
          return null;
        });
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3;
    System.out.printf("%s: %d exchanges from %d callers, %.0f/s, %.1f µs of this JVM's CPU per exchange, %d failed%n",
        label, exchanges, concurrency, exchanges / seconds, cpuMicros / exchanges, failures.get());
  }
}
