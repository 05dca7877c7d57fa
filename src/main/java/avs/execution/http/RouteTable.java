package avs.execution.http;

import avs.execution.error.NotFound;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A port's routes, collected and then registered so that a request no route takes is told exactly why: 405 with
 * {@code Allow} when its path exists under another method, 404 when the path does not exist at all. Fixed paths
 * go first, each followed by its 405, so that {@code GET /task/execute} is a 405 and not {@code GET /task/{id}}.
 */
public final class RouteTable {
  private record Route(Method method, String pattern, PathMatcher path, Handler handler) {
    boolean fixed() {
      return !pattern.contains("{") && !pattern.contains("*");
    }
  }

  private final HttpRouting.Builder routing;
  private final List<Route> routes = new ArrayList<>();

  RouteTable(HttpRouting.Builder routing) {
    this.routing = routing;
  }

  public RouteTable get(String pattern, Handler handler) {
    return add(Method.GET, pattern, handler);
  }

  public RouteTable post(String pattern, Handler handler) {
    return add(Method.POST, pattern, handler);
  }

  /** How this port's handlers' exceptions become answers (one mapper for all of them). */
  public RouteTable error(ErrorHandler<Throwable> handler) {
    routing.error(Throwable.class, handler);
    return this;
  }

  private RouteTable add(Method method, String pattern, Handler handler) {
    routes.add(new Route(method, pattern, PathMatchers.create(pattern), handler));
    return this;
  }

  /** Registers everything: fixed paths with their 405s, then patterns, then the 404/405 for everything else. */
  void finish() {
    Map<String, List<Route>> fixed = new LinkedHashMap<>();
    routes.stream().filter(Route::fixed).forEach(route -> fixed.computeIfAbsent(route.pattern(), p -> new ArrayList<>()).add(route));
    fixed.forEach((pattern, samePath) -> {
      samePath.forEach(route -> routing.route(route.method(), pattern, route.handler()));
      Set<String> allowed = new LinkedHashSet<>(samePath.stream().map(route -> route.method().text()).toList());
      routing.any(pattern, (request, response) -> notAllowed(request, allowed));
    });
    routes.stream().filter(route -> !route.fixed()).forEach(route -> routing.route(route.method(), route.pattern(), route.handler()));
    routing.any(this::unmatched);
  }

  private void unmatched(ServerRequest request, ServerResponse response) {
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.path().match(request.prologue().uriPath()).accepted()) {
        allowed.add(route.method().text());
      }
    }
    if (allowed.isEmpty()) {
      throw new NotFound("no route for " + request.prologue().method().text() + " " + request.path().path() + "; this port serves "
          + String.join(", ", routes.stream().map(r -> r.method().text() + " " + r.pattern()).toList()));
    }
    notAllowed(request, allowed);
  }

  private static void notAllowed(ServerRequest request, Set<String> allowed) {
    String allow = String.join(", ", allowed);
    throw new Refusal(405, request.prologue().method().text() + " is not allowed on " + request.path().path() + "; use " + allow,
        Map.of("Allow", allow));
  }
}
