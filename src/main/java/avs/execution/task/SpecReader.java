package avs.execution.task;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads one object of a task entry's settings, naming the place of every problem ({@code tasks[1].adapter.timeout:
 * …}) and collecting them all rather than stopping at the first; keys nobody read are problems too. Factories read
 * their settings through it, so every kind reports errors the same way.
 */
public final class SpecReader {
  private final JsonNode node;
  private final String place;
  private final List<String> problems;
  private final Set<String> read = new LinkedHashSet<>();

  public SpecReader(JsonNode node, String place) {
    this(node, place, new ArrayList<>());
  }

  private SpecReader(JsonNode node, String place, List<String> problems) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.place = place;
    this.problems = problems;
    if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
      problems.add(place + ": must be a map of settings (got " + describe(this.node) + ")");
    }
  }

  public String place() {
    return place;
  }

  public boolean has(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  public Optional<String> string(String key) {
    return value(key).flatMap(value -> {
      if (value.isString() || value.isNumber() || value.isBoolean()) {
        return Optional.of(value.asString());
      }
      return refuse(key, "must be text (got " + describe(value) + ")");
    });
  }

  /** A list of strings (a command's argv, say); a single string is a list of one. */
  public Optional<List<String>> strings(String key) {
    return value(key).flatMap(value -> {
      if (value.isString()) {
        return Optional.of(List.of(value.stringValue()));
      }
      if (!value.isArray() || value.isEmpty()) {
        return refuse(key, "must be a list of text, e.g. [python3, adapter.py] (got " + describe(value) + ")");
      }
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isString() && !item.isNumber()) {
          return refuse(key, "must be a list of text; an item is " + describe(item));
        }
        items.add(item.asString());
      }
      return Optional.of(List.copyOf(items));
    });
  }

  public Optional<Boolean> bool(String key) {
    return value(key).flatMap(value -> {
      if (value.isBoolean()) {
        return Optional.of(value.booleanValue());
      }
      return refuse(key, "must be true or false (got " + describe(value) + ")");
    });
  }

  public Optional<Duration> duration(String key, Duration min, Duration max) {
    return string(key).flatMap(text -> {
      Optional<Duration> duration = DurationText.parse(text);
      if (duration.isEmpty()) {
        return refuse(key, "must be a duration such as 500ms, 10s or 2m (got \"" + text + "\")");
      }
      if (duration.get().compareTo(min) < 0 || duration.get().compareTo(max) > 0) {
        return refuse(key, "must be from " + DurationText.format(min) + " to " + DurationText.format(max) + " (got " + text + ")");
      }
      return duration;
    });
  }

  public Optional<Integer> integer(String key, int min, int max) {
    return value(key).flatMap(value -> {
      if (!value.isIntegralNumber() && !(value.isString() && value.stringValue().matches("-?[0-9]{1,10}"))) {
        return refuse(key, "must be a whole number (got " + describe(value) + ")");
      }
      long number = value.asLong();
      if (number < min || number > max) {
        return refuse(key, "must be from " + min + " to " + max + " (got " + number + ")");
      }
      return Optional.of((int) number);
    });
  }

  public Optional<BigDecimal> decimal(String key) {
    return string(key).flatMap(text -> {
      try {
        return Optional.of(new BigDecimal(text.strip()));
      } catch (NumberFormatException e) {
        return refuse(key, "must be a number (got \"" + text + "\")");
      }
    });
  }

  public Optional<URI> url(String key) {
    return string(key).flatMap(text -> {
      try {
        URI uri = URI.create(text.strip());
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return Optional.of(uri);
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      return refuse(key, "must be an http:// or https:// URL (got \"" + text + "\")");
    });
  }

  /** A map of text values (an environment, headers), in the order written. */
  public Map<String, String> stringMap(String key) {
    Map<String, String> map = new LinkedHashMap<>();
    value(key).ifPresent(value -> {
      if (!value.isObject()) {
        problem(key, "must be a map of NAME: value (got " + describe(value) + ")");
        return;
      }
      for (var entry : value.properties()) {
        JsonNode item = entry.getValue();
        if (item.isObject() || item.isArray() || item.isNull()) {
          problems.add(place + "." + key + "." + entry.getKey() + ": must be text (got " + describe(item) + ")");
        } else {
          map.put(entry.getKey(), item.asString());
        }
      }
    });
    return map;
  }

  /** The raw value of a key (any JSON), if present. */
  public Optional<JsonNode> json(String key) {
    return value(key);
  }

  public void problem(String key, String message) {
    problems.add(place + (key.isEmpty() ? "" : "." + key) + ": " + message);
  }

  /** Every key of this object that no one asked for is a problem: a typo must not be ignored. */
  public void rejectUnknownKeys() {
    if (!node.isObject()) {
      return;
    }
    for (String key : node.propertyNames()) {
      if (!read.contains(key)) {
        problems.add(place + "." + key + ": unknown key (known: " + String.join(", ", new TreeSet<>(read)) + ")");
      }
    }
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws every problem found so far, if there is one. */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new InvalidTaskSpec(problems);
    }
  }

  private Optional<JsonNode> value(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private <T> Optional<T> refuse(String key, String message) {
    problem(key, message);
    return Optional.empty();
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "a map";
    }
    if (value.isArray()) {
      return "a list";
    }
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
