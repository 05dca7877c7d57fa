package avs.execution.task.pipeline;

import avs.execution.logging.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Text with places for values, as a step's URL, body or headers are written: {@code $(input.symbol)} (the trigger's
 * input), {@code $(params.key)} (the task's params), {@code $(step)} (another step's value, which makes it an input
 * of this step) and {@code ${NAME}} (a variable from the environment: a secret, revealed only in the request itself,
 * never in logs or the proof, where it stays {@code ${NAME}}).
 */
final class Template {
  private static final Pattern PLACE = Pattern.compile("\\$\\(([^()]*)\\)|\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  /**
   * How substituted values are written: as they are, percent-encoded for a URL (so input cannot add a query), or
   * escaped for a JSON string (a body written as a map).
   */
  enum Encoding { RAW, URL, JSON }

  sealed interface Part {}
  record Literal(String text) implements Part {}
  record InputRef(List<String> path) implements Part {}
  record ParamRef(List<String> path) implements Part {}
  record StepRef(String step) implements Part {}
  record SecretRef(String name) implements Part {}

  /** What a template is rendered with. */
  record Scope(JsonNode input, JsonNode params, Map<String, Value> steps, Map<String, Secret> secrets) {}

  private final String text;
  private final List<Part> parts;

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  static Template literal(String text) {
    return new Template(text, List.of(new Literal(text)));
  }

  /** Parses a template, adding a problem (at {@code place}) for each place that is not one of the four forms. */
  static Template parse(String text, String place, List<String> problems) {
    List<Part> parts = new ArrayList<>();
    Matcher matcher = PLACE.matcher(text);
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() > end) {
        parts.add(new Literal(text.substring(end, matcher.start())));
      }
      end = matcher.end();
      if (matcher.group(2) != null) {
        parts.add(new SecretRef(matcher.group(2)));
        continue;
      }
      String reference = matcher.group(1).strip();
      if (!PATH.matcher(reference).matches()) {
        problems.add(place + ": $(" + reference + ") is not $(input.key), $(params.key) or $(step)");
        continue;
      }
      List<String> path = List.of(reference.split("\\."));
      switch (path.getFirst()) {
        case "input" -> parts.add(new InputRef(path.subList(1, path.size())));
        case "params" -> {
          if (path.size() < 2) {
            problems.add(place + ": $(params) needs a key, e.g. $(params.symbol)");
          }
          parts.add(new ParamRef(path.subList(1, path.size())));
        }
        default -> {
          if (path.size() > 1) {
            problems.add(place + ": $(" + reference + "): a step's value is referenced by its name alone, e.g. $(" + path.getFirst() + ")");
          }
          parts.add(new StepRef(path.getFirst()));
        }
      }
    }
    if (end < text.length()) {
      parts.add(new Literal(text.substring(end)));
    }
    return new Template(text, List.copyOf(parts));
  }

  String text() {
    return text;
  }

  List<Part> parts() {
    return parts;
  }

  Set<String> steps() {
    Set<String> steps = new LinkedHashSet<>();
    parts.forEach(part -> {
      if (part instanceof StepRef ref) {
        steps.add(ref.step());
      }
    });
    return steps;
  }

  Set<String> secrets() {
    Set<String> names = new LinkedHashSet<>();
    parts.forEach(part -> {
      if (part instanceof SecretRef ref) {
        names.add(ref.name());
      }
    });
    return names;
  }

  List<List<String>> inputPaths() {
    List<List<String>> paths = new ArrayList<>();
    parts.forEach(part -> {
      if (part instanceof InputRef ref) {
        paths.add(ref.path());
      }
    });
    return paths;
  }

  /**
   * The text with every place filled. With {@code reveal} false, secrets stay {@code ${NAME}}: that is the form
   * written into proofs and logs.
   *
   * @throws StepFailure when the input or params lack a value the template names
   */
  String render(Scope scope, Encoding encoding, boolean reveal) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      switch (part) {
        case Literal literal -> out.append(literal.text());
        // a variable is the operator's own text (a key, a base URL): written as it is, but escaped inside JSON
        case SecretRef secret -> out.append(reveal ? encode(scope.secrets().get(secret.name()).reveal(), encoding == Encoding.JSON ? encoding : Encoding.RAW)
            : "${" + secret.name() + "}");
        case InputRef ref -> out.append(encode(scalar(scope.input(), ref.path(), "input"), encoding));
        case ParamRef ref -> out.append(encode(scalar(scope.params(), ref.path(), "params"), encoding));
        case StepRef ref -> {
          Value value = scope.steps().get(ref.step());
          out.append(encode(value.text(), encoding));
        }
      }
    }
    return out.toString();
  }

  /** The text at a path of the input or params; a missing or structured value is a failure naming the path. */
  static String scalar(JsonNode root, List<String> path, String what) {
    JsonNode node = root;
    for (String key : path) {
      node = node == null ? null : node.isArray() && key.matches("[0-9]{1,6}") ? node.get(Integer.parseInt(key)) : node.get(key);
    }
    String name = what + (path.isEmpty() ? "" : "." + String.join(".", path));
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new StepFailure(name + " is missing: this task's templates need it");
    }
    if (node.isContainer()) {
      throw new StepFailure(name + " must be text or a number, not " + (node.isArray() ? "a list" : "a map"));
    }
    return node.asString();
  }

  private static String encode(String value, Encoding encoding) {
    return switch (encoding) {
      case RAW -> value;
      case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
      case JSON -> {
        String quoted = avs.execution.json.Json.text(value);
        yield quoted.substring(1, quoted.length() - 1);
      }
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
