package avs.execution.http;

import avs.execution.json.Json;
import avs.execution.task.Verdict;
import avs.execution.validation.CustomMessages;
import avs.execution.validation.Validator;
import java.util.OptionalInt;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import tools.jackson.databind.node.BooleanNode;

/**
 * The Validation Service's routes (PROTOCOL §4): {@code POST /task/validate} answers a plain boolean in
 * {@code data}; {@code POST /p2p/message} takes the network's custom messages. Any failure to decide is a 500
 * error envelope, which attesters count as no vote.
 */
public final class ValidationRoutes {
  private final Validator validator;
  private final CustomMessages messages;
  private final MetricsRoute metrics;

  public ValidationRoutes(Validator validator, CustomMessages messages, PrometheusRegistry registry) {
    this.validator = validator;
    this.messages = messages;
    this.metrics = new MetricsRoute(registry);
  }

  public void register(RouteTable routes) {
    routes
        .post("/task/validate", this::validate)
        .post("/p2p/message", this::message)
        .get("/p2p/messages", this::recentMessages)
        .get("/health", this::health)
        .get("/metrics", metrics::handle)
        .error(ErrorMapper::handleForValidation);
  }

  private void validate(ServerRequest request, ServerResponse response) {
    Verdict verdict = validator.validate(ValidateRequest.parse(RequestBodies.object(request)));
    Responses.json(response, 200, Envelope.success(BooleanNode.valueOf(verdict.approved()), verdict.reason()));
  }

  /**
   * What the node posts when a custom message is gossiped: {@code data}, and since node 1.1 the
   * {@code taskDefinitionId} it was sent for, in which case only that task definition hears it.
   */
  private void message(ServerRequest request, ServerResponse response) {
    MessageRequest message = MessageRequest.parse(RequestBodies.object(request));
    byte[] bytes = message.data();
    OptionalInt taskDefinitionId = message.taskDefinitionId();
    int handlers = messages.receive(bytes, taskDefinitionId);
    Responses.json(response, 200, Envelope.success(BooleanNode.TRUE, "custom message received (" + bytes.length + " bytes"
        + taskDefinitionId.stream().mapToObj(id -> ", task definition " + id).findFirst().orElse("") + ", " + handlers + " handler"
        + (handlers == 1 ? "" : "s") + ")"));
  }

  private void recentMessages(ServerRequest request, ServerResponse response) {
    var data = Json.object().put("total", messages.total());
    var list = data.putArray("recent");
    messages.recent().forEach(m -> {
      var entry = list.addObject().put("receivedAt", m.at().toString()).put("data", m.data());
      m.taskDefinitionId().ifPresent(id -> entry.put("taskDefinitionId", id));
    });
    Responses.json(response, 200, Envelope.success(data, "ok"));
  }

  private void health(ServerRequest request, ServerResponse response) {
    var data = Json.object().put("status", "UP").put("service", "validation").put("proofSource", validator.proofSource());
    Responses.json(response, 200, Envelope.success(data, "ok"));
  }
}
