package avs.execution.console;

import avs.execution.config.Settings;
import avs.execution.error.BadRequest;
import avs.execution.error.NotFound;
import avs.execution.http.RequestBodies;
import avs.execution.http.RouteTable;
import avs.execution.outbox.TaskRecord;
import avs.execution.outbox.TaskState;
import avs.execution.pipeline.TaskIntake;
import avs.execution.task.TaskSpec;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator console on the execution service's own port ({@code GET /console}): server-rendered pages, with htmx
 * (served from its WebJar) polling the task table and the dead letters. No build step, no Node toolchain.
 */
public final class ConsoleRoutes {
  private static final int SHOWN = 100;
  private static final int SCANNED = 1_000;
  private static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";
  private static final Map<String, String> ASSETS = Map.of(
      "htmx.min.js", HTMX, "console.js", "/console/console.js", "console.css", "/console/console.css");
  private final TaskIntake intake;
  private final Settings settings;
  private final List<TaskSpec> definitions;
  private final Supplier<List<ObjectNode>> triggers;
  private final ConsoleAccess access;
  private final ConsolePages pages;
  private final Clock clock;
  private final String proofStoreName;

  public ConsoleRoutes(TaskIntake intake, Settings settings, List<TaskSpec> definitions, IntFunction<String> taskNames,
      Supplier<List<ObjectNode>> triggers, String proofStoreName, Clock clock) {
    this.intake = intake;
    this.settings = settings;
    this.definitions = definitions;
    this.triggers = triggers;
    this.proofStoreName = proofStoreName;
    this.clock = clock;
    this.access = ConsoleAccess.of(settings.console().token());
    this.pages = new ConsolePages(intake.performerAddress(), taskNames, settings.retention().describe());
  }

  /** The start-up line about the console: where it is, and the token when it was generated (shown only there). */
  public String startupNote(String baseUrl) {
    return "console: " + baseUrl + "/console" + (access.generated()
        ? " (token for its actions, made for this run: " + access.revealGenerated() + "; set CONSOLE_TOKEN to choose one)"
        : " (actions need CONSOLE_TOKEN)");
  }

  public void register(RouteTable routes) {
    routes
        .get("/console", this::tasksPage)
        .get("/console/tasks", this::taskTable)
        .get("/console/dead", this::deadList)
        .get("/console/config", this::configuration)
        .get("/console/task/{id}", this::taskPage)
        .post("/console/task/{id}/requeue", this::requeueOne)
        .post("/console/dead/requeue", this::requeueAll)
        .post("/console/login", this::login)
        .get("/console/assets/{name}", this::asset)
        .get("/favicon.ico", (request, response) -> response.status(204).send());
  }

  private void tasksPage(ServerRequest request, ServerResponse response) {
    if (!readable(request)) {
      html(response, 200, pages.layout("Sign in", "<form id=\"sign-in\" hx-post=\"/console/login\" hx-target=\"#action-result\"><p>This console is open"
          + " to loopback clients. From elsewhere, enter the console token:</p><input type=\"password\" name=\"token\" autocomplete=\"off\">"
          + " <button>Sign in</button> <span id=\"action-result\" role=\"status\"></span></form>"));
      return;
    }
    String state = request.query().first("state").orElse("");
    String task = request.query().first("task").orElse("");
    html(response, 200, pages.tasksPage(table(state, task), pages.deadList(intake.outbox().list(EnumSet.of(TaskState.DEAD), SHOWN), clock.instant()),
        definitions, state, task));
  }

  private boolean readable(ServerRequest request) {
    try {
      access.checkRead(request);
      return true;
    } catch (avs.execution.error.Forbidden e) {
      return false;
    }
  }

  private void taskTable(ServerRequest request, ServerResponse response) {
    access.checkRead(request);
    html(response, 200, table(request.query().first("state").orElse(""), request.query().first("task").orElse("")));
  }

  private String table(String state, String task) {
    Set<TaskState> states = EnumSet.noneOf(TaskState.class);
    if (!state.isBlank()) {
      try {
        states.add(TaskState.parse(state));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("state", e.getMessage());
      }
    }
    Integer definition = null;
    if (!task.isBlank()) {
      if (!task.matches("[0-9]{1,9}")) {
        throw new BadRequest("task", "must be a task definition id, a whole number (got \"" + task + "\")");
      }
      definition = Integer.parseInt(task);
    }
    Integer wanted = definition;
    List<TaskRecord> tasks = intake.outbox().list(states, wanted == null ? SHOWN : SCANNED).stream()
        .filter(t -> wanted == null || t.taskDefinitionId() == wanted).limit(SHOWN).toList();
    return pages.taskTable(intake.outbox().counts(), tasks, clock.instant());
  }

  private void deadList(ServerRequest request, ServerResponse response) {
    access.checkRead(request);
    html(response, 200, pages.deadList(intake.outbox().list(EnumSet.of(TaskState.DEAD), SHOWN), clock.instant()));
  }

  private void taskPage(ServerRequest request, ServerResponse response) {
    access.checkRead(request);
    String id = request.path().pathParameters().get("id");
    TaskRecord task = intake.find(id).orElseThrow(() -> new NotFound("no task with id " + id));
    html(response, 200, pages.taskPage(task, intake.journal().steps(id), clock.instant()));
  }

  private void configuration(ServerRequest request, ServerResponse response) {
    access.checkRead(request);
    html(response, 200, pages.configurationPage(ConfigurationView.of(settings, intake.outbox().describe(), proofStoreName), definitions, triggers.get()));
  }

  private void requeueOne(ServerRequest request, ServerResponse response) {
    access.checkAction(request);
    String id = request.path().pathParameters().get("id");
    TaskRecord task = intake.find(id).orElseThrow(() -> new NotFound("no task with id " + id));
    if (task.state() != TaskState.DEAD) {
      throw new BadRequest("id", "task " + id + " is " + task.state().wireName() + ", not dead: only dead tasks are re-queued");
    }
    int requeued = intake.outbox().requeueDead(List.of(id), settings.delivery().deadline());
    html(response, 200, "<span class=\"done\">re-queued " + requeued + " task: " + Html.text(id) + "</span>");
  }

  private void requeueAll(ServerRequest request, ServerResponse response) {
    access.checkAction(request);
    int requeued = intake.outbox().requeueDead(List.of(), settings.delivery().deadline());
    html(response, 200, "<span class=\"done\">re-queued " + requeued + " dead task" + (requeued == 1 ? "" : "s") + "</span>");
  }

  /** {@code {"token": "…"}} (the sign-in form, sent as JSON by console.js): a session cookie, then the console. */
  private void login(ServerRequest request, ServerResponse response) {
    JsonNode token = RequestBodies.object(request).path("token");
    if (!token.isString() || token.asString().isBlank()) {
      throw new BadRequest("token", "is missing: enter the console token (CONSOLE_TOKEN, or the one the start-up log shows)");
    }
    String session = access.signIn(request, token.asString());
    response.header(HeaderNames.SET_COOKIE, ConsoleAccess.SESSION_COOKIE + "=" + session + "; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200");
    response.header("HX-Redirect", "/console");
    html(response, 200, "<span class=\"done\">signed in</span>");
  }

  private void asset(ServerRequest request, ServerResponse response) {
    String name = request.path().pathParameters().get("name");
    String resource = ASSETS.get(name);
    if (resource == null) {
      throw new NotFound("no console asset " + name);
    }
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new NotFound("console asset " + name + " is missing from this build");
      }
      response.header(HeaderNames.CONTENT_TYPE, name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
      response.header(HeaderNames.CACHE_CONTROL, "max-age=3600");
      response.send(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the console asset " + name, e);
    }
  }

  private static void html(ServerResponse response, int status, String html) {
    response.status(status);
    response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    response.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'");
    response.header("X-Frame-Options", "DENY");
    response.header("Referrer-Policy", "no-referrer");
    response.send(html.getBytes(StandardCharsets.UTF_8));
  }
}
