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
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins proof documents with Pinata's {@code pinJSONToIPFS} and reads them back through the configured gateway.
 * Pinata stores the JSON text of the object it is given; the CID it answers must equal the CID computed here from
 * the same bytes, or the pin is refused as an error.
 */
public final class PinataProofStore implements ProofStore {
  private static final String UPSTREAM = "pinning service (Pinata)";
  private final HttpClient http;
  private final PinataSettings settings;
  private final CidVersion version;
  private final URI pinUrl;
  private final URI fileUrl;
  private final Optional<IpfsGateway> gateway;

  public PinataProofStore(HttpClient http, PinataSettings settings, CidVersion version) {
    this.http = http;
    this.settings = settings;
    this.version = version;
    this.gateway = settings.gateway().map(url -> new IpfsGateway(http, url, settings.timeout()));
    String base = settings.apiUrl().toString();
    this.pinUrl = URI.create((base.endsWith("/") ? base : base + "/") + "pinning/pinJSONToIPFS");
    this.fileUrl = URI.create((base.endsWith("/") ? base : base + "/") + "pinning/pinFileToIPFS");
  }

  /**
   * JSON (every proof document) is pinned with pinJSONToIPFS, as the reference does; other bytes (data stored by
   * reference) with pinFileToIPFS, byte for byte. Either way the CID Pinata answers must be the one computed here.
   */
  @Override
  public Proof put(byte[] content) {
    String expected = UnixFsDag.cidOf(content, version);
    Optional<JsonNode> json = json(content);
    HttpRequest.Builder request = json.isPresent() ? pinJson(json.get(), expected) : pinFile(content, expected);
    authenticate(request);
    HttpResponse<String> response = Upstreams.send(http, request.build(), HttpResponse.BodyHandlers.ofString(), UPSTREAM);
    PinningAnswers.checkStatus(UPSTREAM, response, "check PINATA_API_KEY/PINATA_SECRET_API_KEY or PINATA_JWT");
    PinningAnswers.checkCid(UPSTREAM, pinnedCid(response.body()), expected);
    return new Proof(expected, content.length, name());
  }

  private HttpRequest.Builder pinJson(JsonNode content, String expected) {
    ObjectNode body = Json.object();
    body.set("pinataContent", content);
    body.set("pinataOptions", options());
    body.set("pinataMetadata", Json.object().put("name", "proof-" + expected));
    return HttpRequest.newBuilder(pinUrl).timeout(settings.timeout()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
  }

  /** multipart/form-data with the bytes as {@code file}, and the options and metadata as JSON fields. */
  private HttpRequest.Builder pinFile(byte[] content, String expected) {
    MultipartFile form = new MultipartFile("avs-" + expected)
        .field("pinataOptions", Json.text(options()))
        .field("pinataMetadata", Json.text(Json.object().put("name", "data-" + expected)));
    return HttpRequest.newBuilder(fileUrl).timeout(settings.timeout()).header("Content-Type", form.contentType())
        .POST(form.body(expected, content));
  }

  private ObjectNode options() {
    return Json.object().put("cidVersion", version == CidVersion.V0 ? 0 : 1);
  }

  @Override
  public Optional<byte[]> get(Cid cid) {
    return gateway.orElseThrow(() -> new IllegalStateException("PINATA_GATEWAY is not configured")).get(cid);
  }

  @Override
  public String name() {
    return "pinata";
  }

  private void authenticate(HttpRequest.Builder request) {
    if (settings.jwt().isPresent()) {
      request.header("Authorization", "Bearer " + settings.jwt().get().reveal());
    } else {
      request.header("pinata_api_key", settings.apiKey().orElseThrow());
      request.header("pinata_secret_api_key", settings.apiSecret().orElseThrow().reveal());
    }
  }

  /** The content as a JSON object or array, if it is one (pinJSONToIPFS takes only those). */
  private static Optional<JsonNode> json(byte[] content) {
    try {
      JsonNode node = Json.STRICT_READER.readTree(content);
      return node != null && node.isContainer() ? Optional.of(node) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private static String pinnedCid(String body) {
    try {
      JsonNode hash = Json.MAPPER.readTree(body).get("IpfsHash");
      if (hash != null && hash.isString() && !hash.stringValue().isEmpty()) {
        return hash.stringValue();
      }
    } catch (JacksonException e) {
      // reported below
    }
    throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "answer has no IpfsHash: " + Upstreams.excerpt(body));
  }
}
