package avs.execution.trigger.chain;

import avs.execution.json.Json;
import avs.execution.sign.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as written in the tasks file, {@code TaskRequested(uint256 indexed id, bytes input)}: its topic (the
 * keccak of the canonical signature) and how to turn a log of it into the task's input, {@code {"id":"7","input":"0x…"}}
 * (numbers as decimal text, bytes and hashes as 0x-hex, addresses lower-case). An indexed dynamic value (string,
 * bytes, an array) is only its keccak hash in the log, and is given as that hash.
 */
public final class EventSignature {
  private static final Pattern WHOLE = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*");
  private static final Pattern PARAM = Pattern.compile("\\s*([a-z0-9]+(?:\\[[0-9]*\\])*)\\s+(indexed\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*");

  /** One parameter: its Solidity type, whether it is indexed, its name. */
  record Param(String type, boolean indexed, String name, TypeReference<Type> reference) {
    boolean dynamic() {
      return type.equals("string") || type.equals("bytes") || type.endsWith("]");
    }
  }

  private final String name;
  private final List<Param> params;
  private final String topic;

  private EventSignature(String name, List<Param> params) {
    this.name = name;
    this.params = params;
    this.topic = Hash.sha3String(name + "(" + String.join(",", params.stream().map(Param::type).toList()) + ")");
  }

  /** The signature, or empty with the reason in {@code problem}. */
  @SuppressWarnings("unchecked")
  public static Optional<EventSignature> parse(String text, StringBuilder problem) {
    Matcher whole = WHOLE.matcher(text);
    if (!whole.matches()) {
      problem.append("must be an event signature such as TaskRequested(uint256 indexed id, bytes input) (got \"").append(text).append("\")");
      return Optional.empty();
    }
    List<Param> params = new ArrayList<>();
    String list = whole.group(2).strip();
    int indexed = 0;
    for (String raw : list.isEmpty() ? new String[0] : list.split(",")) {
      Matcher param = PARAM.matcher(raw);
      if (!param.matches()) {
        problem.append("each parameter is a type and a name, with indexed between them for a topic (\"").append(raw.strip()).append("\" is not)");
        return Optional.empty();
      }
      if (param.group(3).equals("indexed")) {
        problem.append("each parameter needs a name, which becomes its key in the task's input (\"").append(raw.strip()).append("\" has none)");
        return Optional.empty();
      }
      String type = canonical(param.group(1));
      try {
        params.add(new Param(type, param.group(2) != null, param.group(3), (TypeReference<Type>) TypeReference.makeTypeReference(type, param.group(2) != null, false)));
      } catch (ClassNotFoundException | RuntimeException e) {
        problem.append("\"").append(type).append("\" is not a Solidity type this trigger decodes");
        return Optional.empty();
      }
      indexed += param.group(2) != null ? 1 : 0;
    }
    if (indexed > 3) {
      problem.append("an event has at most 3 indexed parameters (this one has ").append(indexed).append(")");
      return Optional.empty();
    }
    return Optional.of(new EventSignature(whole.group(1), List.copyOf(params)));
  }

  private static String canonical(String type) {
    return type.equals("uint") ? "uint256" : type.equals("int") ? "int256" : type;
  }

  public String topic() {
    return topic;
  }

  public String name() {
    return name;
  }

  /** The names of the indexed parameters, in topic order. */
  public List<String> indexedNames() {
    return params.stream().filter(Param::indexed).map(Param::name).toList();
  }

  /** The topic a filter value of an indexed parameter matches: the value ABI-encoded as one word. */
  public Optional<String> topicFor(String param, String value, StringBuilder problem) {
    for (Param p : params) {
      if (p.indexed() && p.name().equals(param)) {
        if (p.dynamic()) {
          return Optional.of(Hash.sha3String(value));
        }
        try {
          Object raw = p.type().startsWith("uint") || p.type().startsWith("int") ? new BigInteger(value)
              : p.type().equals("bool") ? Boolean.valueOf(value) : p.type().startsWith("bytes") ? Hex.decode(value) : value;
          return Optional.of("0x" + TypeEncoder.encode(org.web3j.abi.TypeDecoder.instantiateType(p.type(), raw)));
        } catch (ReflectiveOperationException | RuntimeException e) {
          problem.append(value).append(" is not a ").append(p.type());
          return Optional.empty();
        }
      }
    }
    problem.append(param).append(" is not an indexed parameter of ").append(name).append(" (indexed: ").append(String.join(", ", indexedNames())).append(")");
    return Optional.empty();
  }

  /** A log of this event as the task's input; empty when its topics or data do not fit the signature. */
  public Optional<ObjectNode> decode(EthRpc.Log log) {
    if (log.topics().isEmpty() || !log.topics().getFirst().equalsIgnoreCase(topic) || log.topics().size() != 1 + indexedNames().size()) {
      return Optional.empty();
    }
    try {
      ObjectNode input = Json.object();
      List<TypeReference<Type>> unindexed = params.stream().filter(p -> !p.indexed()).map(Param::reference).toList();
      List<Type> values = unindexed.isEmpty() ? List.of() : FunctionReturnDecoder.decode(log.data(), unindexed);
      int topicAt = 1;
      int valueAt = 0;
      for (Param p : params) {
        if (p.indexed()) {
          String topicHex = log.topics().get(topicAt++);
          input.set(p.name(), p.dynamic() ? Json.MAPPER.getNodeFactory().stringNode(topicHex)
              : json(FunctionReturnDecoder.decodeIndexedValue(topicHex, p.reference())));
        } else {
          input.set(p.name(), json(values.get(valueAt++)));
        }
      }
      return Optional.of(input);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("rawtypes")
  private static JsonNode json(Type value) {
    var nodes = Json.MAPPER.getNodeFactory();
    return switch (value) {
      case NumericType n -> nodes.stringNode(n.getValue().toString());
      case Address a -> nodes.stringNode(a.getValue().toLowerCase(java.util.Locale.ROOT));
      case Bool b -> nodes.booleanNode(b.getValue());
      case BytesType b -> nodes.stringNode(Hex.encode(b.getValue()));
      case Utf8String s -> nodes.stringNode(s.getValue());
      case Array<?> array -> {
        var list = Json.array();
        for (Object item : array.getValue()) {
          list.add(json((Type) item));
        }
        yield list;
      }
      default -> nodes.stringNode(String.valueOf(value.getValue()));
    };
  }
}
