package avs.execution.task.pipeline;

import avs.execution.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A pipeline proof's steps as lines for people ({@code avs tasks check}): each step's value or error, time and source status. */
public final class PipelineSteps {
  private PipelineSteps() {}

  /** One line per step of a pipeline's proof document; none for any other document. */
  public static List<String> describe(byte[] proofDocument) {
    JsonNode document;
    try {
      document = Json.MAPPER.readTree(proofDocument);
    } catch (JacksonException e) {
      return List.of();
    }
    if (!"pipeline".equals(document.path("kind").asString(null))) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (var entry : document.path("steps").properties()) {
      JsonNode step = entry.getValue();
      StringBuilder line = new StringBuilder(entry.getKey() + " (" + step.path("type").asString() + ")");
      if (step.has("url")) {
        line.append(" ").append(step.path("method").asString()).append(" ").append(step.path("url").asString());
        if (step.has("status")) {
          line.append(": HTTP ").append(step.path("status").asInt()).append(", ").append(step.path("bytes").asLong()).append(" bytes in ")
              .append(step.path("ms").asLong()).append(" ms");
        }
      } else if (step.has("value")) {
        line.append(" = ").append(shorten(step.get("value").isString() ? step.get("value").stringValue() : Json.text(step.get("value"))))
            .append(" (").append(step.path("micros").asLong()).append(" µs)");
      }
      if (step.has("error")) {
        line.append(": FAILED: ").append(step.path("error").asString());
      }
      if (step.path("used").isArray()) {
        List<String> used = new ArrayList<>();
        step.path("used").forEach(u -> used.add(u.asString()));
        line.append("; used ").append(used.isEmpty() ? "none" : String.join(", ", used));
        step.path("dropped").forEach(d -> line.append("; left out ").append(d.path("step").asString()).append(": ").append(d.path("reason").asString()));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
