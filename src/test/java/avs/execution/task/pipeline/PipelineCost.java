package avs.execution.task.pipeline;

import avs.execution.json.Json;
import avs.execution.task.TaskDefinition;
import avs.execution.task.TaskRequest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline engine costs beyond the HTTP calls it makes, and how its latency compares with its slowest source.
 * Run by bench/pipeline-cost.sh against bench/side-by-side/upstreams.cjs (another process, so its CPU is not counted);
 * not a test.
 * <ul>
 *   <li>{@code cost BASE TASKS}: a five-source median task (5 http, 5 jsonparse, median, multiply: 12 steps) against the
 *       same five GETs made directly with the service's HTTP client, concurrently, from 32 callers; every task's URLs
 *       are its own, so nothing is coalesced. Prints this JVM's CPU per task for each, and the difference per step.
 *   <li>{@code latency BASE TASKS}: the five sources answer after 10, 20, 30, 40 and 50 ms; one task at a time;
 *       prints the task's median and p99 latency against the slowest source's 50 ms.
 * </ul>
 */
public final class PipelineCost {
  private static final int SOURCES = 5;

  private PipelineCost() {}

  public static void main(String[] args) throws Exception {
    String base = args[1];
    int tasks = Integer.parseInt(args[2]);
    if (args[0].equals("cost")) {
      cost(base, tasks);
    } else {
      latency(base, tasks);
    }
    System.exit(0);
  }

  private static String pipeline(String base, String query) {
    StringBuilder yaml = new StringBuilder("steps:\n");
    List<String> prices = new ArrayList<>();
    for (int i = 1; i <= SOURCES; i++) {
      yaml.append("  s").append(i).append(": {http: {url: '").append(base).append("/api/v3/ticker/price?symbol=ETHUSDT&source=").append(i)
          .append(query.replace("#", Integer.toString(i))).append("'}}\n");
      yaml.append("  p").append(i).append(": {jsonparse: {input: s").append(i).append(", path: [price]}}\n");
      prices.add("p" + i);
    }
    yaml.append("  px: {median: {inputs: [").append(String.join(", ", prices)).append("], minAnswers: 3, maxDeviation: '2%'}}\n");
    yaml.append("  out: {multiply: {input: px, times: '100000000'}}\ndata: out\nallowPrivateNetwork: true\nhostRateLimit: 100000\n");
    return yaml.toString();
  }

  private static void cost(String base, int tasks) throws Exception {
    try (TaskDefinition task = PipelineFixtures.pipeline(pipeline(base, "&n=$(input.n)"), "{}", Map.of())) {
      for (int round = 0; round < 3; round++) {
        String label = round == 0 ? "warm-up" : "round " + round;
        double direct = measure(tasks, n -> direct(base, n));
        double engine = measure(tasks, n -> task.execute(new TaskRequest("t" + n, 3, OptionalLong.empty(), Json.object().put("n", n))));
        System.out.printf("%-8s direct 5 GETs %7.1f µs CPU per task   pipeline (12 steps) %7.1f µs   engine beyond the HTTP calls %6.1f µs per task,"
            + " %5.1f µs per step%n", label, direct, engine, engine - direct, (engine - direct) / 12);
      }
    }
  }

  private static void direct(String base, long n) {
    List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
    for (int i = 1; i <= SOURCES; i++) {
      URI url = URI.create(base + "/api/v3/ticker/price?symbol=ETHUSDT&source=" + i + "&n=" + n);
      calls.add(PipelineFixtures.HTTP.sendAsync(HttpRequest.newBuilder(url).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray()));
    }
    calls.forEach(CompletableFuture::join);
  }

  private interface Work {
    void run(long n) throws Exception;
  }

  /** This JVM's CPU per task, 32 callers. */
  private static double measure(int tasks, Work work) throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong left = new AtomicLong(tasks);
    long cpu = os.getProcessCpuTime();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 32; i++) {
        callers.submit(() -> {
          for (long n; (n = left.decrementAndGet()) >= 0; ) {
            work.run(n);
          }
          return null;
        });
      }
    }
    return (os.getProcessCpuTime() - cpu) / 1e3 / tasks;
  }

  private static void latency(String base, int tasks) {
    try (TaskDefinition task = PipelineFixtures.pipeline(pipeline(base, "&delay=#0&n=$(input.n)"), "{}", Map.of())) {
      for (int round = 0; round < 2; round++) {
        long[] millis = new long[tasks];
        for (int n = 0; n < tasks; n++) {
          long start = System.nanoTime();
          task.execute(new TaskRequest("t" + n, 3, OptionalLong.empty(), Json.object().put("n", round * tasks + n)));
          millis[n] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(millis);
        double median = millis[tasks / 2] / 1000.0;
        double p99 = millis[(int) (tasks * 0.99)] / 1000.0;
        System.out.printf("%-8s five sources at 10-50 ms, one task at a time: median %.1f ms (%.1f %% above the slowest source's 50 ms), p99 %.1f ms%n",
            round == 0 ? "warm-up" : "measured", median, (median - 50) / 50 * 100, p99);
      }
    }
  }
}
