package avs.execution.task.pipeline;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node of a pipeline's graph: it takes the values of the steps it names and produces its own. What it observed
 * (a source's URL, status and response hash; what an aggregate dropped and why) goes into the evidence, which the
 * proof document keeps.
 */
interface Step {
  /** What kind of value a step produces, checked against what its readers accept when the pipeline is loaded. */
  enum Kind {
    /** an HTTP response body: only jsonparse reads it */
    RESPONSE,
    NUMBER,
    TEXT,
    JSON,
    BYTES,
    /** whatever jsonparse finds or const holds: checked when the step runs */
    ANY
  }

  /** The values a step runs with: those of its inputs that succeeded, why the others failed, and the templates' scope. */
  record Inputs(Map<String, Value> values, Map<String, StepFailure> failures, Template.Scope scope) {
    Value get(String step) {
      return values.get(step);
    }
  }

  /** The type as written in the file: http, jsonparse, median, … */
  String type();

  /** The steps whose values this one needs, in the order it reads them. */
  List<String> inputs();

  Kind produces();

  /** Whether this step runs although some inputs failed (aggregates do, counting answers); others fail with them. */
  default boolean toleratesFailedInputs() {
    return false;
  }

  /** Whether this step waits on the network or a process (it then runs on its own virtual thread). */
  default boolean blocking() {
    return false;
  }

  /**
   * The kinds of value this step can read from each input, for the load-time check; a problem text when
   * {@code kind} is not one of them, else null.
   */
  default String refuses(Kind kind) {
    return switch (kind) {
      case RESPONSE -> "is an http step's response: parse a value out of it with jsonparse first";
      case BYTES -> "is ethabiencode's bytes, which only data: can take";
      default -> null;
    };
  }

  /**
   * Produces the value, adding what it observed to {@code evidence}.
   *
   * @throws StepFailure when it cannot
   */
  Value run(Inputs inputs, ObjectNode evidence);

  /** Releases what the step holds (an adapter's process). */
  default void close() {}
}
