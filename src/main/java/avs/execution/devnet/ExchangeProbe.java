package avs.execution.devnet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Whether the real exchange answers from here: the devnet uses it when it does and the local price feed otherwise. */
public final class ExchangeProbe {
  private ExchangeProbe() {}

  /** Empty when the exchange is reachable; otherwise why not, in a few words. */
  public static Optional<String> problem(URI baseUrl, Duration timeout) {
    String base = baseUrl.toString();
    URI url = URI.create((base.endsWith("/") ? base : base + "/") + "ticker/price?symbol=ETHUSDT");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
      HttpResponse<Void> probe = http.send(HttpRequest.newBuilder(url).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding());
      return probe.statusCode() == 200 ? Optional.empty() : Optional.of("it answered HTTP " + probe.statusCode());
    } catch (IOException e) {
      return Optional.of("it is unreachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
