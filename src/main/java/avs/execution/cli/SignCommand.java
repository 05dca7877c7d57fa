package avs.execution.cli;

import avs.execution.json.Json;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.EcdsaSigner;
import avs.execution.sign.Hex;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignatureType;
import avs.execution.sign.SignedTask;
import avs.execution.sign.Signer;
import avs.execution.sign.TaskMessage;
import avs.execution.submit.SendTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads JSON lines {@code {privateKey, proofOfTask, data, taskDefinitionId, performerAddress?, signatureType?,
 * targetChainId?}} and prints, for each, the sendTask params array this service would send. A bad line is
 * reported on stderr with its number and the rest go on; the exit code says whether any failed.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign tasks read as JSON lines on stdin; print each sendTask params array as one JSON line.")
public final class SignCommand implements Callable<Integer> {
  private final CliContext context;
  private static final int CHUNK = 4096;
  private final Map<String, Secp256k1Key> keys = new ConcurrentHashMap<>();

  public SignCommand(CliContext context) {
    this.context = context;
  }

  /** What one input line produced: a params line, or the messages saying why not (and any warnings). */
  private record Outcome(String params, List<String> messages) {}

  @Override
  public Integer call() throws IOException {
    PrintStream out = new PrintStream(context.out(), false, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
    int failures = 0;
    int firstLine = 1;
    // Lines are signed in chunks across all cores; output and messages keep the input order.
    for (List<String> chunk = readChunk(in); !chunk.isEmpty(); chunk = readChunk(in)) {
      int base = firstLine;
      List<String> lines = chunk;
      List<Outcome> outcomes = IntStream.range(0, lines.size()).parallel()
          .mapToObj(i -> outcome(lines.get(i), base + i)).toList();
      for (Outcome outcome : outcomes) {
        outcome.messages().forEach(context.err()::println);
        if (outcome.params() != null) {
          out.println(outcome.params());
        } else if (!outcome.messages().isEmpty()) {
          failures++;
        }
      }
      firstLine += chunk.size();
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private static List<String> readChunk(BufferedReader in) throws IOException {
    List<String> chunk = new ArrayList<>(CHUNK);
    String line;
    while (chunk.size() < CHUNK && (line = in.readLine()) != null) {
      chunk.add(line);
    }
    return chunk;
  }

  private Outcome outcome(String line, int lineNumber) {
    if (line.isBlank()) {
      return new Outcome(null, List.of());
    }
    List<String> messages = new ArrayList<>();
    try {
      return new Outcome(Json.text(sign(Json.MAPPER.readTree(line), lineNumber, messages).params()), messages);
    } catch (JacksonException e) {
      messages.add("line " + lineNumber + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      messages.add("line " + lineNumber + ": " + e.getMessage());
    }
    return new Outcome(null, messages);
  }

  private SendTask sign(JsonNode task, int lineNumber, List<String> messages) {
    if (!task.isObject()) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    SignatureType type = task.has("signatureType") ? SignatureType.fromWireName(string(task, "signatureType")) : SignatureType.ECDSA;
    String keyText = string(task, "privateKey");
    Secp256k1Key key = keys.computeIfAbsent(keyText, k -> Secp256k1Key.parse(k, "privateKey"));
    String performer;
    Signer signer;
    if (type == SignatureType.BLS) {
      if (!task.has("performerAddress")) {
        throw new IllegalArgumentException("performerAddress is required with signatureType \"bls\" (the controller key's address)");
      }
      performer = address(string(task, "performerAddress"));
      signer = BlsSigner.fromKeyText(keyText, performer);
    } else {
      performer = task.has("performerAddress") ? address(string(task, "performerAddress")) : key.address();
      if (!performer.equalsIgnoreCase(key.address())) {
        messages.add("line " + lineNumber + ": warning: performerAddress is not the key's address "
            + key.address() + "; the network rejects such an ECDSA task");
      }
      signer = new EcdsaSigner(key);
    }
    byte[] data;
    try {
      data = Hex.decode(string(task, "data"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data " + e.getMessage());
    }
    TaskMessage message = new TaskMessage(string(task, "proofOfTask"), data, performer, (int) number(task, "taskDefinitionId", 65535));
    SignedTask signed = signer.sign(message);
    OptionalLong chain = task.has("targetChainId") ? OptionalLong.of(number(task, "targetChainId", Long.MAX_VALUE)) : OptionalLong.empty();
    return new SendTask(signed, chain, task.has("signatureType"));
  }

  private static String address(String text) {
    if (!text.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("performerAddress must be 0x followed by 40 hex digits");
    }
    return text;
  }

  private static String string(JsonNode task, String field) {
    JsonNode value = task.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException(field + " is required and must be a string");
    }
    return value.stringValue();
  }

  private static long number(JsonNode task, String field, long max) {
    JsonNode value = task.get(field);
    if (value == null || !value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > max) {
      throw new IllegalArgumentException(field + " is required and must be a whole number from 0 to " + max);
    }
    return value.longValue();
  }
}
