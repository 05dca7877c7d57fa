package avs.execution.task.pipeline;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A loaded pipeline: its steps in an order where every step comes after its inputs, the step whose value is the
 * data, how attesters validate, and the hash of the definition as written (recorded in every proof, so an attester
 * with another definition refuses instead of judging against different rules).
 *
 * @param inputPaths the paths of the trigger's input the templates use ({@code $(input.symbol)}): checked at admission
 */
record PipelineDefinition(Map<String, Step> steps, List<String> order, String data, Validation validation, String hash,
    List<List<String>> inputPaths) {

  /** {@code validate: {method: rerun | recorded, tolerance: "0.5%"}}. */
  record Validation(Method method, BigDecimal tolerance) {
    enum Method { RERUN, RECORDED }
  }

  Step step(String name) {
    return steps.get(name);
  }
}
