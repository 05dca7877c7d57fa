package avs.execution.task.adapter;

import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import avs.execution.task.TaskRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one adapter call costs this JVM, apart from the rest of the pipeline: {@code AdapterTask.execute} (the request
 * built and written, the answer read and checked, the proof document made) against bench/trivial-adapter.*, from
 * many virtual threads at once, as the service calls it under load. CPU is this process's only (the adapter's own
 * process is not counted), per call; for processes started per call, also what those processes took (their CPU, as
 * this JVM waited for them). Run by bench/adapter-cost.sh; not a test.
 */
public final class AdapterCallCost {
  private AdapterCallCost() {}

  public static void main(String[] args) throws Exception {
    String transport = args[0];
    String target = args[1];
    int calls = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    Duration timeout = Duration.ofSeconds(10);
    String python = System.getenv().getOrDefault("BENCH_PYTHON", "python3");
    HttpClient http = Upstreams.newClient(Duration.ofSeconds(2));
    AdapterTransport chosen = switch (transport) {
      case "http" -> new HttpTransport(http, URI.create(target), Map.of(), timeout, 1 << 20, "adapter bench");
      case "persistent" -> new PersistentProcessTransport(
          new AdapterCommand(List.of(python, target, "--lines"), Path.of("."), Map.of(), timeout, 1 << 20, "adapter bench"));
      case "process" -> new ProcessTransport(new AdapterCommand(List.of(python, target), Path.of("."), Map.of(), timeout, 1 << 20, "adapter bench"));
      default -> throw new IllegalArgumentException("transport: http, persistent or process");
    };
    try (AdapterTask task = new AdapterTask("bench", Json.object(), chosen, AdapterMetrics.of(new PrometheusRegistry()))) {
      for (int round = 1; round <= 3; round++) {
        measure(task, round == 1 ? "warm-up" : "round " + (round - 1), calls, concurrency);
      }
    }
    System.exit(0);
  }

  private static void measure(AdapterTask task, String label, int calls, int concurrency) throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong left = new AtomicLong(calls);
    long children = childrenCpuNanos();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        callers.submit(() -> {
          for (long n; (n = left.decrementAndGet()) >= 0; ) {
            task.execute(new TaskRequest("0x" + Long.toHexString(n), 7, OptionalLong.empty(), Json.object().put("n", 1)));
          }
          return null;
        });
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3 / calls;
    double childMicros = (childrenCpuNanos() - children) / 1e3 / calls;
    System.out.printf("%-8s %-10s %7d calls  %6.1f µs CPU per call (this JVM)  %8.1f µs (processes it started)  %8.0f calls/s  %d callers%n",
        label, task.describe().split(" ")[0], calls, cpuMicros, childMicros, calls / seconds, concurrency);
  }

  /** The CPU of the child processes this JVM waited for (Linux: cutime + cstime of /proc/self/stat, at 100 Hz). */
  private static long childrenCpuNanos() {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L;
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }
}
