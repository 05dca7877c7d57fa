package avs.execution.proof;

import avs.execution.error.UpstreamFailure;
import avs.execution.error.UpstreamFailure.Kind;
import avs.execution.error.Upstreams;
import java.net.http.HttpResponse;

/** How every pinning service's answer is judged, so Pinata and Kubo failures read and retry alike. */
final class PinningAnswers {
  private PinningAnswers() {}

  /**
   * 401/403: the credentials were refused (not retried; {@code credentialsHint} says which settings to check);
   * 429/502/503/504: busy or down (retried); any other non-2xx: a bad answer with an excerpt of the body.
   */
  static void checkStatus(String upstream, HttpResponse<String> response, String credentialsHint) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new UpstreamFailure(upstream, Kind.REJECTED, "credentials refused (HTTP " + status + "): " + credentialsHint);
    }
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      throw new UpstreamFailure(upstream, Kind.UNAVAILABLE, "busy (HTTP " + status + "), try again later");
    }
    if (status / 100 != 2) {
      throw new UpstreamFailure(upstream, Kind.BAD_ANSWER, "HTTP " + status + ": " + Upstreams.excerpt(response.body()));
    }
  }

  /** The CID the service answered must be the one computed here from the same bytes. */
  static void checkCid(String upstream, String pinned, String expected) {
    if (!pinned.equals(expected)) {
      throw new UpstreamFailure(upstream, Kind.BAD_ANSWER,
          "pinned the proof as " + pinned + " but its bytes hash to " + expected + "; refusing to use an unverifiable proof");
    }
  }
}
