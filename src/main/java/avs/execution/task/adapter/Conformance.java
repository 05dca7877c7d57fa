package avs.execution.task.adapter;

import avs.execution.error.UpstreamFailure;
import avs.execution.json.Json;
import avs.execution.task.TaskContext;
import avs.execution.task.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter contract checked case by case, for an adapter's author ({@code avs adapter test}): golden requests
 * sent the way the service sends them, and for each answer its schema, its time against the deadline, and the
 * error form where an error is due. Each case passes or fails with the reason.
 */
public final class Conformance {
  /** One case: what was checked, whether it held, what was seen, and how long the answer took. */
  public record Case(String name, boolean passed, String detail, Duration took) {}

  private static final String PERFORMER = "0x0000000000000000000000000000000000000001";
  private static final int TASK_DEFINITION_ID = 7;
  private final AdapterTransport transport;
  private final String upstream;
  private final List<Case> cases = new ArrayList<>();

  private Conformance(AdapterTransport transport, String upstream) {
    this.transport = transport;
    this.upstream = upstream;
  }

  /** Runs every case against the adapter the entry describes; its params and the given input go into the requests. */
  public static List<Case> check(TaskSpec spec, TaskContext context, JsonNode input, Duration deadline) {
    try (AdapterTransport transport = new AdapterFactory().transport(spec, context)) {
      Conformance conformance = new Conformance(transport, "adapter " + spec.name());
      conformance.run(spec.params(), input);
      Duration slowest = conformance.cases.stream().map(Case::took).max(Duration::compareTo).orElse(Duration.ZERO);
      boolean timedOut = conformance.cases.stream().anyMatch(c -> c.detail().contains("did not answer within"));
      conformance.cases.add(new Case("every answer within the deadline (" + deadline.toMillis() + " ms)", !timedOut && slowest.compareTo(deadline) <= 0,
          "the slowest took " + slowest.toMillis() + " ms", slowest));
      return List.copyOf(conformance.cases);
    }
  }

  private void run(JsonNode params, JsonNode input) {
    ObjectNode execute = AdapterProtocol.executeRequest("conformance-1", TASK_DEFINITION_ID, OptionalLong.empty(), input, params);
    AdapterProtocol.Executed executed = executeCase(execute);
    if (executed != null) {
      byte[] altered = executed.data().length == 0 ? new byte[] {1} : executed.data().clone();
      altered[altered.length - 1] ^= 0x01;
      verdictCase("validate approves the adapter's own proof", executed.proof(), executed.data(), input, params, true);
      verdictCase("validate refuses the same proof with altered data", executed.proof(), altered, input, params, false);
    } else {
      cases.add(new Case("validate approves the adapter's own proof", false, "skipped: execute gave no proof to validate", Duration.ZERO));
    }
    ObjectNode unknownOp = execute.deepCopy().put("op", "conformance-unknown-op");
    errorCase("an unknown op is answered {\"error\":{\"message\",\"retryable\"}}", unknownOp);
    ObjectNode newerVersion = execute.deepCopy().put("version", AdapterProtocol.VERSION + 1);
    errorCase("a newer contract version is refused with the error form", newerVersion);
  }

  private AdapterProtocol.Executed executeCase(ObjectNode request) {
    String name = "execute answers {\"data\":\"0x…\"|{\"utf8\":…},\"proof\":…}";
    long start = System.nanoTime();
    byte[] answer;
    try {
      answer = transport.call(Json.bytes(request));
    } catch (UpstreamFailure e) {
      cases.add(new Case(name, false, e.getMessage(), since(start)));
      return null;
    }
    Duration took = since(start);
    var error = AdapterProtocol.errorMessage(answer);
    if (error.isPresent()) {
      cases.add(new Case(name, true, "answered the error form, so nothing is left to validate (give an --input it can execute): "
          + error.get(), took));
      return null;
    }
    try {
      AdapterProtocol.Executed executed = AdapterProtocol.executed(AdapterProtocol.parse(answer, upstream), upstream);
      cases.add(new Case(name, true, executed.data().length + " bytes of data, proof " + excerpt(executed.proof()), took));
      return executed;
    } catch (UpstreamFailure e) {
      cases.add(new Case(name, false, e.getMessage(), took));
      return null;
    }
  }

  private void verdictCase(String name, JsonNode proof, byte[] data, JsonNode input, JsonNode params, boolean expected) {
    ObjectNode request = AdapterProtocol.validateRequest(TASK_DEFINITION_ID, "QmConformanceProof", proof, data, PERFORMER, input, params);
    long start = System.nanoTime();
    try {
      AdapterProtocol.Judged judged = AdapterProtocol.judged(AdapterProtocol.parse(transport.call(Json.bytes(request)), upstream), upstream);
      cases.add(new Case(name, judged.valid() == expected, "valid: " + judged.valid() + ", reason: " + judged.reason(), since(start)));
    } catch (UpstreamFailure e) {
      cases.add(new Case(name, false, e.getMessage(), since(start)));
    }
  }

  private void errorCase(String name, ObjectNode request) {
    long start = System.nanoTime();
    try {
      byte[] answer = transport.call(Json.bytes(request));
      var error = AdapterProtocol.errorMessage(answer);
      cases.add(new Case(name, error.isPresent(), error.map(m -> "error: " + m).orElse("answered " + AdapterProtocol.excerpt(answer)), since(start)));
    } catch (UpstreamFailure e) {
      cases.add(new Case(name, false, e.getMessage(), since(start)));
    }
  }

  private static String excerpt(JsonNode node) {
    return AdapterProtocol.excerpt(Json.bytes(node));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
