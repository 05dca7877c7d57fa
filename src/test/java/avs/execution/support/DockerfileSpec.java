package avs.execution.support;

import avs.execution.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Dockerfile's last stage (the runtime image) declares, read the way Docker reads it: continuation lines
 * joined, exec-form JSON arrays, {@code KEY=value} pairs, shell-form {@code RUN} lines as written. Only the
 * instructions the image tests compare.
 */
public record DockerfileSpec(List<String> entrypoint, List<String> cmd, List<String> healthcheck, String user, String workdir,
    Set<String> exposed, Map<String, String> env, Set<String> volumes, Map<String, String> labels, List<String> runs) {
  private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_.-]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

  public static DockerfileSpec parse(Path dockerfile) throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      instructions.add(current.toString());
      current.setLength(0);
    }
    int lastFrom = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).toUpperCase().startsWith("FROM ")) {
        lastFrom = i;
      }
    }
    List<String> entrypoint = List.of();
    List<String> cmd = List.of();
    List<String> healthcheck = List.of();
    String user = "";
    String workdir = "";
    Set<String> exposed = new LinkedHashSet<>();
    Map<String, String> env = new LinkedHashMap<>();
    Set<String> volumes = new LinkedHashSet<>();
    Map<String, String> labels = new LinkedHashMap<>();
    List<String> runs = new ArrayList<>();
    for (String instruction : instructions.subList(lastFrom, instructions.size())) {
      int space = instruction.indexOf(' ');
      String keyword = instruction.substring(0, space).toUpperCase();
      String rest = instruction.substring(space + 1).strip();
      switch (keyword) {
        case "ENTRYPOINT" -> entrypoint = jsonArray(rest);
        case "CMD" -> cmd = jsonArray(rest);
        case "HEALTHCHECK" -> healthcheck = jsonArray(rest.substring(rest.indexOf("CMD ") + 4));
        case "USER" -> user = rest;
        case "WORKDIR" -> workdir = rest;
        case "EXPOSE" -> exposed.addAll(List.of(rest.split("\\s+")));
        case "ENV" -> env.putAll(pairs(rest));
        case "LABEL" -> labels.putAll(pairs(rest));
        case "VOLUME" -> volumes.addAll(jsonArray(rest));
        case "RUN" -> runs.add(rest);
        default -> { }
      }
    }
    return new DockerfileSpec(entrypoint, cmd, healthcheck, user, workdir, exposed, env, volumes, labels, runs);
  }

  private static List<String> jsonArray(String text) {
    List<String> values = new ArrayList<>();
    Json.MAPPER.readTree(text).valueStream().forEach(node -> values.add(node.stringValue()));
    return values;
  }

  private static Map<String, String> pairs(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher matcher = PAIR.matcher(text);
    while (matcher.find()) {
      String value = matcher.group(2);
      pairs.put(matcher.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
    }
    return pairs;
  }
}
