package avs.execution.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every request must be before its route runs, so that no web page the operator has open can make this port
 * act (the framing itself is the edge's):
 * <ul>
 *   <li>its Host is one this port answers to ({@link HostPolicy}), else 403 — DNS rebinding;</li>
 *   <li>a write (POST, PUT, PATCH, DELETE) from a browser comes from this same origin, else 403 — cross-site requests;</li>
 *   <li>a body is JSON: {@code Content-Type: application/json} (or {@code application/…+json}), in UTF-8, else 415 —
 *       the content types a browser may send cross-site without asking first (text/plain, forms, multipart) are
 *       exactly the ones refused. A write with no body and no Content-Type is allowed, as the reference allows it.</li>
 * </ul>
 */
final class RequestPolicy implements Filter {
  private static final Set<Method> WRITES = Set.of(Method.POST, Method.PUT, Method.PATCH, Method.DELETE);
  private final HostPolicy hosts;

  RequestPolicy(HostPolicy hosts) {
    this.hosts = hosts;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
    try {
      checkAndProceed(chain, request);
    } finally {
      if (request.content().hasEntity() && !request.content().consumed()) {
        // A body nobody read would stay in the connection's buffer when the answer closes the connection (Helidon
        // then skips it) and be read as the start of a request nobody sent. The edge read it whole: this is cheap.
        request.content().consume();
      }
    }
  }

  private void checkAndProceed(FilterChain chain, RoutingRequest request) {
    String host = request.headers().value(HeaderNames.HOST).orElse("");
    if (!hosts.allows(host)) {
      throw new Refusal(403, "this service does not answer to the Host \"" + host + "\"; if that name is meant to reach it, "
          + "add it to ALLOWED_HOSTS");
    }
    if (WRITES.contains(request.prologue().method())) {
      request.headers().value(HeaderNames.ORIGIN).ifPresent(origin -> checkOrigin(origin, host));
      checkContentType(request);
    }
    chain.proceed();
  }

  private void checkOrigin(String origin, String host) {
    Optional<String> originHost = HostPolicy.originHost(origin);
    boolean sameSite = originHost.isPresent() && (hosts.any()
        ? originHost.get().equalsIgnoreCase(HostPolicy.withoutPort(host))
        : hosts.allows(originHost.get()));
    if (!sameSite) {
      throw new Refusal(403, "cross-site request refused (Origin " + origin + "): a web page may not make this service act; "
          + "call it from a server, a script or curl");
    }
  }

  private static void checkContentType(RoutingRequest request) {
    Optional<String> type = request.headers().value(HeaderNames.CONTENT_TYPE);
    long length = request.headers().contentLength().orElse(0L);
    if (type.isEmpty()) {
      if (length > 0) {
        throw unsupported("the body has no Content-Type");
      }
      return;
    }
    String[] parts = type.get().split(";");
    String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw unsupported("Content-Type " + type.get() + " is not JSON");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2
          && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
        throw unsupported("the body must be UTF-8 JSON (got charset " + parameter[1].strip() + ")");
      }
    }
  }

  private static Refusal unsupported(String problem) {
    return new Refusal(415, problem + ": send Content-Type: application/json", Map.of("Accept-Post", "application/json"));
  }
}
