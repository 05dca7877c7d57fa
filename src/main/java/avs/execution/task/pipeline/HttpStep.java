package avs.execution.task.pipeline;

import avs.execution.error.Upstreams;
import avs.execution.sign.Hex;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code http: {url, method, body, headers, timeout, maxBytes}}: fetches a source. URL, body and headers are
 * templates; the proof records the URL with its secrets left as {@code ${NAME}}, the status, when it was fetched,
 * how long it took, and the response's size and SHA-256 (not the response itself). A status other than 2xx is a
 * failure that names it: 429 (rate-limited) and 451 (refused for legal reasons, e.g. the performer's country) by
 * name. Redirects are not followed.
 */
final class HttpStep implements Step {
  /** @param bodyEncoding JSON when the body was written as a map (values are escaped into it), else RAW */
  record Settings(String method, Template url, Optional<Template> body, Template.Encoding bodyEncoding, Map<String, Template> headers,
      Duration timeout, int maxBytes, boolean allowPrivateNetwork, int hostRateLimit) {}

  private final String task;
  private final String name;
  private final Settings settings;
  private final Sources sources;

  HttpStep(String task, String name, Settings settings, Sources sources) {
    this.task = task;
    this.name = name;
    this.settings = settings;
    this.sources = sources;
  }

  @Override
  public String type() {
    return "http";
  }

  @Override
  public List<String> inputs() {
    Set<String> steps = new LinkedHashSet<>(settings.url().steps());
    settings.body().ifPresent(body -> steps.addAll(body.steps()));
    settings.headers().values().forEach(header -> steps.addAll(header.steps()));
    return List.copyOf(steps);
  }

  @Override
  public Kind produces() {
    return Kind.RESPONSE;
  }

  @Override
  public boolean blocking() {
    return true;
  }

  /** Every template of the step, for the load-time checks of inputs and secrets. */
  List<Template> templates() {
    List<Template> all = new ArrayList<>();
    all.add(settings.url());
    settings.body().ifPresent(all::add);
    all.addAll(settings.headers().values());
    return all;
  }

  @Override
  public Value run(Inputs inputs, ObjectNode evidence) {
    Template.Scope scope = inputs.scope();
    String recorded = settings.url().render(scope, Template.Encoding.URL, false);
    evidence.put("method", settings.method()).put("url", recorded);
    URI url;
    try {
      url = URI.create(settings.url().render(scope, Template.Encoding.URL, true));
    } catch (IllegalArgumentException e) {
      throw new StepFailure("the URL " + recorded + " is not a valid URL once filled in");
    }
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
      throw new StepFailure("the URL " + recorded + " is not an http:// or https:// URL once filled in");
    }
    byte[] body = settings.body().map(t -> t.render(scope, settings.bodyEncoding(), true).getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
    Map<String, String> headers = new LinkedHashMap<>();
    settings.headers().forEach((header, value) -> headers.put(header, value.render(scope, Template.Encoding.RAW, true)));
    if (settings.body().isPresent() && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      headers.put("Content-Type", "application/json");
    }
    Sources.Response response = sources.fetch(task, name,
        new Sources.Request(settings.method(), url, recorded, body, Map.copyOf(headers), settings.timeout(), settings.maxBytes()),
        settings.allowPrivateNetwork(), settings.hostRateLimit());
    evidence.put("status", response.status()).put("fetchedAt", response.fetchedAt().toString()).put("ms", response.took().toMillis())
        .put("bytes", response.body().length).put("sha256", sha256(response.body()));
    int status = response.status();
    if (status / 100 != 2) {
      String excerpt = Upstreams.excerpt(new String(response.body(), StandardCharsets.UTF_8));
      throw new StepFailure("answered HTTP " + status + describe(status) + ": " + excerpt, true);
    }
    return new Value.Text(new String(response.body(), StandardCharsets.UTF_8));
  }

  private static String describe(int status) {
    return switch (status) {
      case 429 -> " (rate-limited: too many requests)";
      case 451 -> " (unavailable for legal reasons: the source refuses this performer's country)";
      case 418 -> " (banned for exceeding the request weight)";
      default -> status / 100 == 3 ? " (a redirect: pipelines do not follow redirects)" : "";
    };
  }

  static String sha256(byte[] bytes) {
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
