package avs.execution.proof;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.UpstreamFailure.Kind;
import avs.execution.error.Upstreams;
import avs.execution.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Adds proofs to the operator's own IPFS node through Kubo's RPC ({@code POST /api/v0/add}) and reads them back
 * through its gateway. The add asks for exactly the DAG the CID is computed with here (the chunker, the CID version
 * and, for v1, raw leaves, pinned), so the node's answer can be checked against the local CID; a node that answers
 * another CID is an error, never a proof.
 */
public final class KuboProofStore implements ProofStore {
  private static final String UPSTREAM = "IPFS node (Kubo RPC)";
  private final HttpClient http;
  private final KuboSettings settings;
  private final CidVersion version;
  private final URI addUrl;
  private final IpfsGateway gateway;

  public KuboProofStore(HttpClient http, KuboSettings settings, CidVersion version) {
    this.http = http;
    this.settings = settings;
    this.version = version;
    this.gateway = new IpfsGateway(http, settings.gateway(), settings.timeout());
    String base = settings.apiUrl().toString();
    boolean v1 = version == CidVersion.V1;
    this.addUrl = URI.create((base.endsWith("/") ? base : base + "/") + "api/v0/add?pin=true&quieter=true&hash=sha2-256"
        + "&chunker=size-" + UnixFsDag.CHUNK_SIZE + "&cid-version=" + (v1 ? 1 : 0) + "&raw-leaves=" + v1);
  }

  @Override
  public Proof put(byte[] content) {
    String expected = UnixFsDag.cidOf(content, version);
    MultipartFile form = new MultipartFile("avs-" + expected);
    HttpRequest.Builder request = HttpRequest.newBuilder(addUrl).timeout(settings.timeout())
        .header("Content-Type", form.contentType())
        .POST(form.body(expected, content));
    settings.authorization().ifPresent(value -> request.header("Authorization", value.reveal()));
    HttpResponse<String> response = Upstreams.send(http, request.build(), HttpResponse.BodyHandlers.ofString(), UPSTREAM);
    PinningAnswers.checkStatus(UPSTREAM, response, "check IPFS_API_AUTH, or the API's access rules");
    PinningAnswers.checkCid(UPSTREAM, addedCid(response.body()), expected);
    return new Proof(expected, content.length, name());
  }

  @Override
  public Optional<byte[]> get(Cid cid) {
    return gateway.get(cid);
  }

  @Override
  public String name() {
    return "kubo";
  }

  /**
   * The root's CID: Kubo answers one JSON object per line ({@code {"Name","Hash","Size"}}), the root last; an
   * error inside a 200 (a stream that failed midway) comes as {@code {"Message","Type":"error"}}.
   */
  private static String addedCid(String body) {
    String root = null;
    for (String line : body.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode answer;
      try {
        answer = Json.MAPPER.readTree(line);
      } catch (JacksonException e) {
        throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer is not JSON lines: " + Upstreams.excerpt(body));
      }
      if (answer.path("Type").asString("").equals("error")) {
        throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "add failed: " + Upstreams.excerpt(answer.path("Message").asString("")));
      }
      JsonNode hash = answer.get("Hash");
      if (hash != null && hash.isString() && !hash.stringValue().isEmpty()) {
        root = hash.stringValue();
      }
    }
    if (root == null) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer has no Hash: " + Upstreams.excerpt(body));
    }
    return root;
  }
}
