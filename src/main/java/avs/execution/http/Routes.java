package avs.execution.http;

import avs.execution.config.TargetChains;
import avs.execution.error.BadRequest;
import avs.execution.error.NotFound;
import avs.execution.error.TaskFailed;
import avs.execution.json.Json;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.pipeline.TaskIntake;
import avs.execution.proof.Cid;
import avs.execution.proof.ProofStore;
import avs.execution.trigger.MessageRouting;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** Every route of the execution service, in one place; handlers parse, call one stage, and answer. */
public final class Routes {
  private static final int MAX_LIST = 1_000;
  private static final HeaderName PREFER = HeaderNames.create("Prefer");
  private static final HeaderName PREFERENCE_APPLIED = HeaderNames.create("Preference-Applied");
  private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
  private final TaskIntake intake;
  private final int maxInputBytes;
  private final ProofStore proofs;
  private final TargetChains chains;
  private final MetricsRoute metrics;
  private final Supplier<List<ObjectNode>> triggers;
  private final MessageRouting messages;

  public Routes(TaskIntake intake, ProofStore proofs, TargetChains chains, int maxInputBytes, PrometheusRegistry registry,
      Supplier<List<ObjectNode>> triggers, MessageRouting messages) {
    this.intake = intake;
    this.triggers = triggers;
    this.messages = messages;
    this.maxInputBytes = maxInputBytes;
    this.proofs = proofs;
    this.chains = chains;
    this.metrics = new MetricsRoute(registry);
  }

  public void register(RouteTable routes) {
    routes
        .post("/task/execute", this::execute)
        .get("/task/{id}", this::task)
        .get("/tasks", this::tasks)
        .get("/triggers", this::triggers)
        .post("/p2p/message", this::message)
        .get("/ipfs/{cid}", this::ipfs)
        .get("/health", this::health)
        .get("/metrics", metrics::handle)
        .error(ErrorMapper::handle);
  }

  /**
   * 200 with the reference body once the node acknowledged the task; 202 with the task's status URL when it is
   * still queued (the wait ran out, or the caller asked for {@code Prefer: respond-async} or {@code "async": true}).
   */
  private void execute(ServerRequest request, ServerResponse response) {
    ExecuteRequest trigger = ExecuteRequest.parse(RequestBodies.object(request), chains, maxInputBytes);
    boolean preferAsync = request.headers().value(PREFER).map(p -> p.toLowerCase(Locale.ROOT).contains("respond-async")).orElse(false);
    Optional<String> key = idempotencyKey(request);
    if (key.isPresent() && trigger.requestId().isPresent() && !key.equals(trigger.requestId())) {
      throw new BadRequest("requestId", "differs from the Idempotency-Key header; send one or make them equal");
    }
    TaskRecord task = intake.trigger(new TaskIntake.Request(trigger.taskDefinitionId(), trigger.targetChainId(), trigger.input(),
        key.or(trigger::requestId), preferAsync || trigger.async()));
    switch (task.state()) {
      case ACKNOWLEDGED -> {
        var data = Json.object()
            .put("proofOfTask", task.proofOfTask().orElseThrow())
            .put("data", task.data().orElseThrow())
            .put("taskDefinitionId", task.taskDefinitionId());
        Responses.json(response, 200, Envelope.success(data, "Task executed successfully"));
      }
      case RECEIVED, PENDING -> {
        if (preferAsync) {
          response.header(PREFERENCE_APPLIED, "respond-async");
        }
        response.header(HeaderNames.LOCATION, TaskView.statusUrl(task.id()));
        Responses.json(response, 202, Envelope.success(TaskView.of(task),
            "Task accepted and queued; not yet acknowledged by the node. Follow statusUrl."));
      }
      case FAILED, DEAD -> throw new TaskFailed("task " + task.id() + " (an earlier trigger with this idempotency key) is "
          + task.state().wireName() + ": " + task.lastError().orElse("no error recorded"));
    }
  }

  /** The Idempotency-Key header, if sent; sent twice with different values, the request is ambiguous and refused. */
  private static Optional<String> idempotencyKey(ServerRequest request) {
    List<String> keys = request.headers().all(IDEMPOTENCY_KEY, List::of);
    if (keys.stream().distinct().count() > 1) {
      throw new BadRequest("Idempotency-Key", "is sent " + keys.size() + " times with different values; send one key per request");
    }
    return keys.stream().findFirst().map(k -> ExecuteRequest.idempotencyKey("Idempotency-Key", k));
  }

  private void task(ServerRequest request, ServerResponse response) {
    String id = request.path().pathParameters().get("id");
    TaskRecord task = intake.find(id).orElseThrow(() -> new NotFound("no task with id " + id));
    Responses.json(response, 200, Envelope.success(TaskView.of(task), "ok"));
  }

  /** {@code GET /tasks?state=pending,dead&limit=100}: counts per state and the newest tasks in those states. */
  private void tasks(ServerRequest request, ServerResponse response) {
    Set<TaskState> states = EnumSet.noneOf(TaskState.class);
    for (String name : request.query().first("state").orElse("").split(",")) {
      if (!name.isBlank()) {
        try {
          states.add(TaskState.parse(name));
        } catch (IllegalArgumentException e) {
          throw new BadRequest("state", e.getMessage());
        }
      }
    }
    String limitText = request.query().first("limit").orElse("100");
    if (!limitText.matches("[0-9]{1,7}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIST) {
      throw new BadRequest("limit", "must be a whole number from 1 to " + MAX_LIST + " (got \"" + limitText + "\")");
    }
    var data = Json.object();
    var counts = data.putObject("counts");
    intake.outbox().counts().forEach((state, count) -> counts.put(state.wireName(), count));
    var list = data.putArray("tasks");
    intake.outbox().list(states, Integer.parseInt(limitText)).forEach(task -> list.add(TaskView.of(task)));
    Responses.json(response, 200, Envelope.success(data, "ok"));
  }

  /** Each trigger of the tasks file: its kind, task, cursor, next and last firing, lag and last error. */
  private void triggers(ServerRequest request, ServerResponse response) {
    var data = Json.object();
    var list = data.putArray("triggers");
    triggers.get().forEach(list::add);
    Responses.json(response, 200, Envelope.success(data, list.isEmpty() ? "no triggers: tasks run when POST /task/execute asks" : "ok"));
  }

  /** A gossiped custom message naming a performer and a task (the TriggerX pattern) starts it here when it names this one. */
  private void message(ServerRequest request, ServerResponse response) {
    MessageRequest message = MessageRequest.parse(RequestBodies.object(request));
    ObjectNode outcome = messages.receive(message.data(), message.taskDefinitionId());
    Responses.json(response, 200, Envelope.success(outcome, outcome.path("reason").asString()));
  }

  private void ipfs(ServerRequest request, ServerResponse response) {
    String text = request.path().pathParameters().get("cid");
    Cid cid;
    try {
      cid = Cid.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("cid", e.getMessage());
    }
    byte[] content = proofs.get(cid).orElseThrow(() -> new NotFound("no proof with CID " + cid + " in the " + proofs.name() + " store"));
    response.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
    response.header(HeaderNames.ETAG, "\"" + cid + "\"");
    response.header(HeaderNames.CONTENT_TYPE, looksLikeJson(content) ? "application/json" : "application/octet-stream");
    response.send(content);
  }

  private void health(ServerRequest request, ServerResponse response) {
    List<String> problems = new ArrayList<>();
    intake.outbox().writeProblem().ifPresent(problems::add);
    proofs.writeProblem().ifPresent(problems::add);
    var data = Json.object()
        .put("status", problems.isEmpty() ? "UP" : "DEGRADED")
        .put("performer", intake.performerAddress())
        .put("proofStore", proofs.name())
        .put("outbox", intake.outbox().describe());
    if (problems.isEmpty()) {
      Responses.json(response, 200, Envelope.success(data, "ok"));
      return;
    }
    problems.forEach(data.putArray("problems")::add);
    // triggers are refused (503) until the store can write again; what was accepted before is kept
    Responses.json(response, 503, Envelope.failure(data, String.join("; ", problems)));
  }

  private static boolean looksLikeJson(byte[] content) {
    for (byte b : content) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }
}
