package avs.execution.http.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request line and its headers as the client sent them, already checked for syntax. Header names and values are
 * kept as ISO-8859-1 text, so every byte is forwarded unchanged.
 */
record RequestHead(String method, String target, boolean http10, List<Header> headers) {
  record Header(String name, String value) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  /** Every value of a header, split at commas and trimmed, lower-cased: for the list-valued framing headers. */
  List<String> tokens(String name) {
    List<String> tokens = new ArrayList<>();
    for (Header header : headers) {
      if (header.is(name)) {
        for (String part : header.value().split(",", -1)) {
          tokens.add(part.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return tokens;
  }

  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    headers.stream().filter(h -> h.is(name)).forEach(h -> values.add(h.value()));
    return values;
  }

  boolean has(String name) {
    return headers.stream().anyMatch(h -> h.is(name));
  }
}
