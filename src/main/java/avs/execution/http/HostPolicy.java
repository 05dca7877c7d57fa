package avs.execution.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which Host names a port answers to, against DNS rebinding (a web page whose name suddenly resolves to 127.0.0.1
 * sends its own name as Host). Bound to a wildcard address (containers), any name; otherwise the bind address and
 * the loopback names, plus ALLOWED_HOSTS; {@code *} there means any.
 */
public record HostPolicy(boolean any, Set<String> names) {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

  public static HostPolicy forBind(String bindAddress, Set<String> allowedHosts) {
    String bind = normalize(bindAddress);
    if (allowedHosts.contains("*") || bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::")) {
      return new HostPolicy(true, Set.of());
    }
    Set<String> names = new HashSet<>(LOOPBACK);
    names.add(bind);
    allowedHosts.forEach(name -> names.add(normalize(name)));
    return new HostPolicy(false, Set.copyOf(names));
  }

  /** Whether a Host header value (name or address, with or without a port) is one this port answers to. */
  boolean allows(String hostHeader) {
    return any || names.contains(normalize(withoutPort(hostHeader)));
  }

  /** The host of a Host header value, without its port and brackets. */
  static String withoutPort(String hostHeader) {
    String host = hostHeader.strip();
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(1, close);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** The host of an Origin header ({@code scheme://host[:port]}), if it has one. */
  static Optional<String> originHost(String origin) {
    int scheme = origin.indexOf("://");
    if (scheme <= 0) {
      return Optional.empty();
    }
    String authority = origin.substring(scheme + 3);
    int slash = authority.indexOf('/');
    return Optional.of(withoutPort(slash < 0 ? authority : authority.substring(0, slash))).filter(h -> !h.isEmpty());
  }

  private static String normalize(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("[") && lower.endsWith("]")) {
      lower = lower.substring(1, lower.length() - 1);
    }
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
