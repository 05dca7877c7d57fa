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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
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
  private final Map<String, Secp256k1Key> keys = new HashMap<>();

  public SignCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = new PrintStream(context.out(), false, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
    int lineNumber = 0;
    int failures = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.println(Json.text(sign(Json.MAPPER.readTree(line), lineNumber).params()));
      } catch (JacksonException e) {
        failures++;
        context.err().println("line " + lineNumber + ": not valid JSON: " + e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        failures++;
        context.err().println("line " + lineNumber + ": " + e.getMessage());
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private SendTask sign(JsonNode task, int lineNumber) {
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
        context.err().println("line " + lineNumber + ": warning: performerAddress is not the key's address "
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
