package avs.execution.outbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location as operators write it in DATABASE_URL: {@code postgres://user:password@host:5432/db?…}
 * (libpq style, what hosting platforms hand out) or {@code jdbc:postgresql://host/db?user=…&password=…}. Split into
 * the JDBC URL and the credentials, so that the password never appears in anything printed.
 */
public record PostgresUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

  /** IllegalArgumentException (naming DATABASE_URL, never quoting a password) when it is not a PostgreSQL URL. */
  public static PostgresUrl parse(String text) {
    String value = text.strip();
    if (value.startsWith("jdbc:postgresql://")) {
      return new PostgresUrl(value, Optional.empty(), Optional.empty());
    }
    if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("DATABASE_URL is not a valid URL (" + e.getReason() + ")");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("DATABASE_URL needs a host and a database name: postgres://user:password@host:5432/database");
    }
    String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = Optional.of(decode(parts[0]));
      password = parts.length == 2 ? Optional.of(decode(parts[1])) : Optional.empty();
    }
    return new PostgresUrl(jdbc, user, password);
  }

  /** Where the outbox lives, for logs: host, port and database, no credentials. */
  public String describe() {
    String withoutPrefix = jdbcUrl.substring("jdbc:".length());
    int query = withoutPrefix.indexOf('?');
    return query < 0 ? withoutPrefix : withoutPrefix.substring(0, query);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "PostgresUrl[" + describe() + "]";
  }
}
