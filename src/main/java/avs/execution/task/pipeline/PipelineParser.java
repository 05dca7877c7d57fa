package avs.execution.task.pipeline;

import avs.execution.json.Json;
import avs.execution.task.InvalidTaskSpec;
import avs.execution.task.SpecReader;
import avs.execution.task.TaskContext;
import avs.execution.task.adapter.AdapterCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@code pipeline:} block into a {@link PipelineDefinition}, collecting every problem with its place
 * ({@code tasks[0].pipeline.steps.px.median.minAnswers: …}): unknown step types and keys, references to steps
 * that do not exist, cycles, inputs of the wrong kind, secrets and params that are not set.
 */
final class PipelineParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
  private static final Set<String> RESERVED = Set.of("input", "params");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  static final List<String> TYPES = List.of("http", "jsonparse", "median", "mean", "min", "max", "multiply", "divide", "round",
      "ethabiencode", "const", "adapter");
  private static final int MAX_RESPONSE = 1 << 20;

  /** What steps may use besides their settings. */
  record Environment(String task, Sources sources, TaskContext context, JsonNode params, PipelineMetrics metrics) {
    Set<String> secrets() {
      return context.variables().keySet();
    }
  }

  private final Environment environment;
  private final List<String> problems = new ArrayList<>();
  private final List<List<String>> inputPaths = new ArrayList<>();
  private boolean allowPrivateNetwork;
  private int hostRateLimit;

  private PipelineParser(Environment environment) {
    this.environment = environment;
  }

  /** The definition, or an empty one with {@code problems} filled. */
  static Optional<PipelineDefinition> parse(JsonNode block, JsonNode identity, String place, Environment environment, List<String> problems) {
    PipelineParser parser = new PipelineParser(environment);
    Optional<PipelineDefinition> definition = parser.read(block, identity, place);
    problems.addAll(new LinkedHashSet<>(parser.problems));
    return parser.problems.isEmpty() ? definition : Optional.empty();
  }

  private Optional<PipelineDefinition> read(JsonNode block, JsonNode identity, String place) {
    SpecReader pipeline = new SpecReader(block, place);
    allowPrivateNetwork = pipeline.bool("allowPrivateNetwork").orElse(false);
    hostRateLimit = pipeline.integer("hostRateLimit", 1, 100_000).orElse(50);
    Optional<String> data = pipeline.string("data");
    PipelineDefinition.Validation validation = validation(pipeline, place);
    Map<String, Step> steps = new LinkedHashMap<>();
    Optional<JsonNode> stepsNode = pipeline.json("steps");
    if (stepsNode.isEmpty() || !stepsNode.get().isObject() || stepsNode.get().isEmpty()) {
      pipeline.problem("steps", "must be a map of step name: {type: {settings}}, e.g. px: {median: {inputs: [a, b, c]}}");
    } else {
      for (var entry : stepsNode.get().properties()) {
        step(entry.getKey(), entry.getValue(), place + ".steps." + entry.getKey()).ifPresent(step -> steps.put(entry.getKey(), step));
      }
    }
    if (data.isEmpty()) {
      pipeline.problem("data", "is required: the step whose value is sendTask's data");
    } else if (!steps.isEmpty() && !steps.containsKey(data.get())) {
      pipeline.problem("data", "\"" + data.get() + "\" is not a step (steps: " + String.join(", ", steps.keySet()) + ")");
    } else if (steps.containsKey(data.get()) && steps.get(data.get()).produces() == Step.Kind.RESPONSE) {
      pipeline.problem("data", data.get() + " is an http step's response: parse the value out of it with jsonparse first");
    }
    pipeline.rejectUnknownKeys();
    problems.addAll(pipeline.problems());
    List<String> order = StepGraph.order(steps, place, problems);
    if (!problems.isEmpty()) {
      steps.values().forEach(Step::close); // an adapter step's process, started for nothing
      return Optional.empty();
    }
    String hash = "sha256:" + HttpStep.sha256(Json.bytes(identity));
    return Optional.of(new PipelineDefinition(Map.copyOf(steps), order, data.get(), validation, hash, List.copyOf(inputPaths)));
  }

  private PipelineDefinition.Validation validation(SpecReader pipeline, String place) {
    SpecReader validate = new SpecReader(pipeline.json("validate").orElse(null), place + ".validate");
    String method = validate.string("method").orElse("rerun").toLowerCase(Locale.ROOT);
    BigDecimal tolerance = validate.string("tolerance").map(text -> Decimals.fraction(text).orElseGet(() -> {
      validate.problem("tolerance", "must be a fraction such as \"0.5%\" or 0.005 (got \"" + text + "\")");
      return BigDecimal.ZERO;
    })).orElse(BigDecimal.ZERO);
    if (!method.equals("rerun") && !method.equals("recorded")) {
      validate.problem("method", "must be rerun (the attester runs the pipeline again) or recorded (checks the proof, re-fetches sources); got \""
          + method + "\"");
    }
    validate.rejectUnknownKeys();
    problems.addAll(validate.problems());
    return new PipelineDefinition.Validation(method.equals("recorded") ? PipelineDefinition.Validation.Method.RECORDED
        : PipelineDefinition.Validation.Method.RERUN, tolerance);
  }

  private Optional<Step> step(String name, JsonNode node, String place) {
    if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
      problems.add(place + ": a step's name is a letter or _ then up to 63 letters, digits, _ or - (and not input or params)");
      return Optional.empty();
    }
    if (!node.isObject() || node.size() != 1) {
      problems.add(place + ": must be one type and its settings, e.g. {jsonparse: {input: src, path: [price]}} (types: " + String.join(", ", TYPES) + ")");
      return Optional.empty();
    }
    String type = node.propertyNames().iterator().next();
    if (type.equals("adapter")) {
      return adapter(name, node.get(type), place + ".adapter");
    }
    SpecReader settings = new SpecReader(node.get(type), place + "." + type);
    Optional<Step> step = switch (type) {
      case "http" -> Optional.of(http(name, settings));
      case "jsonparse" -> jsonparse(settings);
      case "median", "mean", "min", "max" -> aggregate(name, type, settings);
      case "multiply", "divide", "round" -> arithmetic(type, settings);
      case "ethabiencode" -> abi(settings);
      case "const" -> settings.json("value").<Step>map(value -> new ConstStep(JsonParseStep.leaf(value)))
          .or(() -> missing(settings, "value", "the constant, e.g. value: \"100000000\""));
      default -> {
        problems.add(place + ": unknown step type \"" + type + "\" (types: " + String.join(", ", TYPES) + ")");
        yield null;
      }
    };
    if (step == null) {
      return Optional.empty(); // its settings mean nothing without a type
    }
    settings.rejectUnknownKeys();
    problems.addAll(settings.problems());
    return settings.problems().isEmpty() ? step : Optional.empty();
  }

  private Step http(String name, SpecReader settings) {
    Template url = settings.string("url").map(text -> template(text, settings.place() + ".url")).orElseGet(() -> {
      settings.problem("url", "is required: the source's http:// or https:// URL");
      return Template.literal("");
    });
    String raw = url.text();
    boolean startsWithPlace = raw.startsWith("${") || raw.startsWith("$(");
    if (!raw.isEmpty() && !startsWithPlace && !raw.startsWith("http://") && !raw.startsWith("https://")) {
      settings.problem("url", "must start with http:// or https:// (got \"" + raw + "\")");
    }
    String method = settings.string("method").orElse("GET").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      settings.problem("method", "must be one of " + String.join(", ", METHODS) + " (got \"" + method + "\")");
    }
    Optional<JsonNode> bodyNode = settings.json("body");
    Optional<Template> body = bodyNode.map(b -> template(b.isString() ? b.stringValue() : Json.text(b), settings.place() + ".body"));
    Map<String, Template> headers = new LinkedHashMap<>();
    settings.stringMap("headers").forEach((header, value) -> headers.put(header, template(value, settings.place() + ".headers." + header)));
    Duration timeout = settings.duration("timeout", Duration.ofMillis(1), Duration.ofMinutes(5)).orElse(Duration.ofSeconds(5));
    int maxBytes = settings.integer("maxBytes", 1, MAX_RESPONSE).orElse(MAX_RESPONSE);
    Template.Encoding bodyEncoding = bodyNode.isPresent() && !bodyNode.get().isString() ? Template.Encoding.JSON : Template.Encoding.RAW;
    return new HttpStep(environment.task(), name,
        new HttpStep.Settings(method, url, body, bodyEncoding, Map.copyOf(headers), timeout, maxBytes, allowPrivateNetwork, hostRateLimit),
        environment.sources());
  }

  private Optional<Step> jsonparse(SpecReader settings) {
    Optional<String> input = settings.string("input");
    List<String> path = settings.json("path").map(p -> p.isString() ? List.of(p.stringValue().split(",", -1)) : null)
        .orElse(null);
    if (path == null) {
      path = settings.strings("path").orElse(List.of());
    }
    path = path.stream().map(String::strip).toList();
    boolean lax = settings.bool("lax").orElse(false);
    if (input.isEmpty()) {
      return missing(settings, "input", "the step whose answer to parse");
    }
    if (path.isEmpty() || path.contains("")) {
      settings.problem("path", "is required: keys (and array indexes) to the value, e.g. [data, amount] or \"data,amount\"");
    }
    return Optional.of(new JsonParseStep(input.get(), path, lax));
  }

  private Optional<Step> aggregate(String name, String type, SpecReader settings) {
    List<String> inputs = settings.strings("inputs").orElse(List.of());
    if (inputs.isEmpty()) {
      return missing(settings, "inputs", "the steps to aggregate, e.g. [b, c, k]");
    }
    if (new LinkedHashSet<>(inputs).size() != inputs.size()) {
      settings.problem("inputs", "names a step twice");
    }
    int minAnswers = settings.integer("minAnswers", 1, inputs.size()).orElse(AggregateStep.majority(inputs.size()));
    Optional<BigDecimal> maxDeviation = settings.string("maxDeviation").flatMap(text -> {
      Optional<BigDecimal> fraction = Decimals.fraction(text);
      if (fraction.isEmpty()) {
        settings.problem("maxDeviation", "must be a fraction such as \"2%\" or 0.02 (got \"" + text + "\")");
      }
      return fraction;
    });
    int precision = settings.integer("precision", 0, 50).orElse(18);
    AggregateStep.Operation operation = AggregateStep.Operation.valueOf(type.toUpperCase(Locale.ROOT));
    return Optional.of(new AggregateStep(operation, inputs, minAnswers, maxDeviation, precision,
        reason -> environment.metrics().dropped(environment.task(), name, reason)));
  }

  private Optional<Step> arithmetic(String type, SpecReader settings) {
    Optional<String> input = settings.string("input");
    String operandKey = switch (type) {
      case "multiply" -> "times";
      case "divide" -> "by";
      default -> null;
    };
    Template operand = Template.literal("0");
    if (operandKey != null) {
      Optional<String> text = settings.string(operandKey);
      if (text.isEmpty()) {
        settings.problem(operandKey, "is required: a number or $(step)");
      } else {
        operand = template(text.get(), settings.place() + "." + operandKey);
        if (operand.steps().isEmpty() && Decimals.parse(text.get()).isEmpty()) {
          settings.problem(operandKey, "must be a number or $(step) (got \"" + text.get() + "\")");
        }
      }
    }
    int places = type.equals("round") ? settings.integer("places", 0, 50).orElse(0)
        : type.equals("divide") ? settings.integer("precision", 0, 50).orElse(18) : 0;
    if (input.isEmpty()) {
      return missing(settings, "input", "the step whose value to " + type);
    }
    return Optional.of(new ArithmeticStep(ArithmeticStep.Operation.valueOf(type.toUpperCase(Locale.ROOT)), input.get(), operand, places));
  }

  private Optional<Step> abi(SpecReader settings) {
    List<String> types = settings.strings("types").orElse(List.of());
    List<String> values = settings.strings("values").orElse(List.of());
    for (int i = 0; i < types.size(); i++) {
      if (!AbiEncodeStep.TYPE.matcher(types.get(i)).matches()) {
        settings.problem("types[" + i + "]", "\"" + types.get(i) + "\" is not a type this step encodes (uintN, intN, address, bool, bytesN, bytes, string)");
      }
    }
    if (types.isEmpty() || types.size() != values.size()) {
      settings.problem("values", "give as many values as types (types: " + types.size() + ", values: " + values.size() + ")");
    }
    List<Template> templates = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      templates.add(template(values.get(i), settings.place() + ".values[" + i + "]"));
    }
    return Optional.of(new AbiEncodeStep(types, templates));
  }

  /** An adapter step: {@code input} is its own; every other key is the adapter's, as under an adapter task's {@code adapter:}. */
  private Optional<Step> adapter(String name, JsonNode node, String place) {
    if (!(node instanceof ObjectNode block)) {
      problems.add(place + ": must be a map: command: [program, args…] or url: http://…, and input:");
      return Optional.empty();
    }
    ObjectNode settings = block.deepCopy();
    JsonNode inputNode = settings.remove("input");
    Map<String, Template> input = new LinkedHashMap<>();
    if (inputNode != null && !inputNode.isObject()) {
      problems.add(place + ".input: must be a map of key: value (values may be templates such as $(step))");
    } else if (inputNode != null) {
      for (var entry : inputNode.properties()) {
        JsonNode value = entry.getValue();
        if (value.isContainer() || value.isNull()) {
          problems.add(place + ".input." + entry.getKey() + ": must be text or a number");
        } else {
          input.put(entry.getKey(), template(value.asString(), place + ".input." + entry.getKey()));
        }
      }
    }
    try {
      return Optional.of(new AdapterStep(environment.task(), name, AdapterCall.create(environment.task() + "." + name, settings, place,
          environment.context()), Map.copyOf(input)));
    } catch (InvalidTaskSpec e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  /** A template whose secrets are set and whose params exist; its input paths are kept for the admission check. */
  private Template template(String text, String place) {
    Template template = Template.parse(text, place, problems);
    for (String secret : template.secrets()) {
      if (!environment.secrets().contains(secret)) {
        problems.add(place + ": ${" + secret + "} is not set in the environment or the .env file");
      }
    }
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.ParamRef ref) {
        try {
          Template.scalar(environment.params(), ref.path(), "params");
        } catch (StepFailure e) {
          problems.add(place + ": " + e.getMessage().replace("this task's templates need it", "set it under the task's params:"));
        }
      }
    }
    inputPaths.addAll(template.inputPaths());
    return template;
  }

  private static <T> Optional<T> missing(SpecReader settings, String key, String what) {
    settings.problem(key, "is required: " + what);
    return Optional.empty();
  }
}
