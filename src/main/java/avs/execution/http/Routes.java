package avs.execution.http;

import avs.execution.config.TargetChains;
import avs.execution.error.BadRequest;
import avs.execution.error.NotFound;
import avs.execution.json.Json;
import avs.execution.pipeline.PerformedTask;
import avs.execution.pipeline.Performer;
import avs.execution.proof.Cid;
import avs.execution.proof.ProofStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Every route of the execution service, in one place; handlers parse, call one stage, and answer. */
public final class Routes {
  private final Performer performer;
  private final ProofStore proofs;
  private final RequestBodies bodies;
  private final TargetChains chains;

  public Routes(Performer performer, ProofStore proofs, int maxBodyBytes, TargetChains chains) {
    this.performer = performer;
    this.proofs = proofs;
    this.bodies = new RequestBodies(maxBodyBytes);
    this.chains = chains;
  }

  public void register(HttpRouting.Builder routing) {
    routing
        .post("/task/execute", this::execute)
        .get("/ipfs/{cid}", this::ipfs)
        .get("/health", this::health)
        .error(Throwable.class, ErrorMapper::handle);
  }

  private void execute(ServerRequest request, ServerResponse response) {
    ExecuteRequest trigger = ExecuteRequest.parse(bodies.object(request), chains);
    PerformedTask task = performer.perform(trigger.taskDefinitionId(), trigger.targetChainId());
    var data = Json.object()
        .put("proofOfTask", task.proofOfTask())
        .put("data", task.data())
        .put("taskDefinitionId", task.taskDefinitionId());
    Responses.json(response, 200, Envelope.success(data, "Task executed successfully"));
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
    var data = Json.object()
        .put("status", "UP")
        .put("performer", performer.performerAddress())
        .put("proofStore", proofs.name());
    Responses.json(response, 200, Envelope.success(data, "ok"));
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
