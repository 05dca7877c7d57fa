package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.support.LogCapture;
import avs.execution.support.RawHttp;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred mutations of valid requests (bytes inserted, dropped, doubled, flipped; line ends changed; framing
 * headers added), each followed on its connection by a canary request, and some cut short and sent alone.
 * Whatever the mutation, the service never answers 5xx, answers every error in the JSON envelope, never answers
 * again after saying it closes, never hangs, and every log line is one of its own, without stack traces or forged
 * lines.
 */
class HostileCorpusTest {
  /** 500 in the test run; -Dcorpus.cases=N -Dcorpus.seed=S for a deeper search. */
  private static final int CASES = Integer.getInteger("corpus.cases", 500);
  private static final long SEED = Long.getLong("corpus.seed", 20261201L);
  private static final String CANARY = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN ) \\w+ - .*");
  private static final String[] SEEDS = {
      "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n",
      "POST /task/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"taskDefinitionId\":0}",
      "POST /task/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "4\r\n{\"ta\r\n12\r\nskDefinitionId\":0}\r\n0\r\n\r\n",
      "GET /task/abc?x=1 HTTP/1.1\r\nHost: localhost:4003\r\nConnection: keep-alive\r\n\r\n",
      "GET /tasks?state=dead&limit=5 HTTP/1.0\r\nUser-Agent: probe\r\n\r\n",
  };
  private static final byte[] INTERESTING = bytes("\r\n\0 \t:;,\"\\A0-\u0080\u00ff\u007f=/%");
  private static final String[] HEADERS = {"Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n", "Content-Length: 999999\r\n",
      "Transfer-Encoding: identity\r\n", "Host: evil.example\r\n", "Expect: 100-continue\r\n", "Connection: close\r\n",
      "Content-Type: text/plain\r\n", "X-Injected: a\nb\r\n", " folded\r\n", "Content-Length: 0\r\n"};
  @TempDir static Path dataDir;

  @Test
  void noMutationGetsA5xxDesynchronisesAConnectionOrWritesALogLineOfItsOwn() {
    try (LogCapture log = new LogCapture(); StandInUpstreams upstreams = new StandInUpstreams();
         ServiceHarness service = new ServiceHarness(dataDir, upstreams.variables(Map.of("HEADERS_TIMEOUT_MS", "1000",
             "BODY_TIMEOUT_MS", "1000", "MAX_BODY_BYTES", "4096")))) {
      Random random = new Random(SEED);
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < CASES; i++) {
        boolean cut = random.nextInt(8) == 0;
        byte[] request = mutate(bytes(SEEDS[random.nextInt(SEEDS.length)]), random);
        // a request cut short runs into whatever follows it, so it is sent alone: it must still be answered (or closed) cleanly
        byte[] hostile = cut ? java.util.Arrays.copyOf(request, 1 + random.nextInt(request.length)) : concat(request, bytes(CANARY));
        RawHttp.Exchange exchange = RawHttp.send(service.port(), List.of(hostile), Duration.ZERO, true, Duration.ofSeconds(5));
        String problem = cut ? cutProblem(exchange) : problem(exchange);
        if (problem != null) {
          problems.add("case " + i + " " + printable(hostile) + ": " + problem);
        }
      }
      assertThat(problems).isEmpty();
      assertThat(log.lines()).allSatisfy(line -> assertThat(line).matches(LOG_LINE));
    }
  }

  /**
   * Null when the exchange is one a conforming server may give; otherwise what is wrong with it. A mutation may move
   * where a request ends (a byte dropped from a body the Content-Length still counts), so which request the canary
   * became is not judged here: HostileRequestsTest pins the exact answers to each smuggling shape.
   */
  private static String problem(RawHttp.Exchange exchange) {
    List<RawHttp.Response> answers = exchange.responses().stream().filter(r -> r.status() != 100).toList();
    if (answers.isEmpty()) {
      return "no answer at all";
    }
    if (!exchange.closed()) {
      return "the connection stayed open after the client closed its side";
    }
    for (RawHttp.Response answer : answers) {
      if (answer.status() >= 500) {
        return "status " + answer.status() + ": " + answer.body();
      }
      if (!"application/json".equals(answer.header("Content-Type"))) {
        return "status " + answer.status() + " without the JSON envelope";
      }
    }
    for (int i = 0; i < answers.size() - 1; i++) {
      if ("close".equals(answers.get(i).header("Connection"))) {
        return "an answer after one that said Connection: close";
      }
    }
    return null;
  }

  /** A request cut short and then closed by its client: a clean 4xx, or no answer at all if nothing of it had begun. */
  private static String cutProblem(RawHttp.Exchange exchange) {
    if (!exchange.closed()) {
      return "the connection stayed open after the client closed its side";
    }
    return exchange.responses().stream().filter(r -> r.status() != 100)
        .filter(r -> r.status() >= 500 || !"application/json".equals(r.header("Content-Type")))
        .findFirst().map(r -> "status " + r.status() + ": " + r.body()).orElse(null);
  }

  private static byte[] mutate(byte[] request, Random random) {
    byte[] result = request;
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int at = random.nextInt(result.length);
      result = switch (random.nextInt(6)) {
        case 0 -> splice(result, at, 0, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]});
        case 1 -> splice(result, at, 1, new byte[0]);
        case 2 -> splice(result, at, 0, java.util.Arrays.copyOfRange(result, at, Math.min(result.length, at + 1 + random.nextInt(12))));
        case 3 -> bytes(new String(result, StandardCharsets.ISO_8859_1).replaceFirst("\r\n", random.nextBoolean() ? "\n" : "\r"));
        case 4 -> splice(result, headerStart(result), 0, bytes(HEADERS[random.nextInt(HEADERS.length)]));
        default -> splice(result, at, 1, new byte[] {(byte) (result[at] ^ (1 << random.nextInt(8)))});
      };
    }
    return result;
  }

  private static int headerStart(byte[] request) {
    int lineEnd = new String(request, StandardCharsets.ISO_8859_1).indexOf('\n');
    return lineEnd < 0 ? request.length : lineEnd + 1;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(insert);
    out.write(bytes, Math.min(bytes.length, at + remove), Math.max(0, bytes.length - at - remove));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return splice(a, a.length, 0, b);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String printable(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
  }
}
