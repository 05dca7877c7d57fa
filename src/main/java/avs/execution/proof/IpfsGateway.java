package avs.execution.proof;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.UpstreamFailure.Kind;
import avs.execution.error.Upstreams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads content through an IPFS HTTP gateway the way attesters do: the gateway URL (ending in {@code /ipfs/}, as
 * {@code PINATA_GATEWAY} and {@code IPFS_HOST} are configured) followed by the CID. Whatever the gateway serves is
 * hashed and compared with the CID before anyone reads it.
 */
public final class IpfsGateway implements ProofReader {
  private static final String UPSTREAM = "IPFS gateway";
  private static final int MAX_BYTES = 16 << 20;
  private final HttpClient http;
  private final URI gateway;
  private final Duration timeout;

  public IpfsGateway(HttpClient http, URI gateway, Duration timeout) {
    this.http = http;
    this.gateway = gateway.toString().endsWith("/") ? gateway : URI.create(gateway + "/");
    this.timeout = timeout;
  }

  @Override
  public Optional<byte[]> get(Cid cid) {
    URI url = gateway.resolve(cid.text());
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    HttpResponse<byte[]> response = Upstreams.send(http, request, HttpResponse.BodyHandlers.ofByteArray(), UPSTREAM);
    if (response.statusCode() == 404 || response.statusCode() == 410) {
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      Kind kind = response.statusCode() == 504 ? Kind.TIMEOUT : response.statusCode() >= 500 || response.statusCode() == 429 ? Kind.UNAVAILABLE : Kind.BAD_ANSWER;
      throw new UpstreamFailure(UPSTREAM, kind, "HTTP " + response.statusCode() + " for " + url);
    }
    if (response.body().length > MAX_BYTES) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "served more than " + MAX_BYTES + " bytes for " + cid);
    }
    if (!cid.matches(response.body())) {
      throw new UpstreamFailure(UPSTREAM, Kind.BAD_ANSWER, "the bytes served at " + url + " do not hash to " + cid
          + ": the content was altered on the way, so it is not trusted");
    }
    return Optional.of(response.body());
  }

  @Override
  public String name() {
    return "gateway " + gateway;
  }
}
