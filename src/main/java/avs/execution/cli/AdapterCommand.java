package avs.execution.cli;

import picocli.CommandLine.Command;

/** {@code avs adapter …}: tools for authors of task adapters. */
@Command(name = "adapter", mixinStandardHelpOptions = true, description = "Tools for task adapters: avs adapter test COMMAND…|URL",
    subcommandsRepeatable = false)
public final class AdapterCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: avs adapter test COMMAND…|URL");
  }
}
