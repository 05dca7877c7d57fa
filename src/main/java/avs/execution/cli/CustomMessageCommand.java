package avs.execution.cli;

import avs.execution.config.Settings;
import avs.execution.error.UpstreamFailure;
import avs.execution.error.Upstreams;
import avs.execution.sign.Hex;
import avs.execution.submit.Acknowledgement;
import avs.execution.submit.NodeClient;
import avs.execution.task.TaskRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** sendCustomMessage from the command line: the node gossips the bytes to every validation service's /p2p/message. */
@Command(name = "custom-message", mixinStandardHelpOptions = true,
    description = {"Send a custom message to the Othentic node (JSON-RPC sendCustomMessage), which gossips it to every node's",
        "validation service (POST /p2p/message). The node must run with --json-rpc.custom-message-enabled."})
public final class CustomMessageCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  @Option(names = "--text", description = "MESSAGE is text, sent as its UTF-8 bytes (default: MESSAGE is 0x-hex)")
  boolean text;

  @Option(names = "--task-definition-id", paramLabel = "ID",
      description = "the task definition the message is for: sent as node 1.1's two-param form [\"0x…\", ID], so only that task's "
          + "handlers hear it (without: the one-param form of the 2024 nodes, heard by every task)")
  Integer taskDefinitionId;

  @Parameters(paramLabel = "MESSAGE", description = "the message: 0x-hex bytes, or text with --text")
  String message;

  public CustomMessageCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (taskDefinitionId != null && (taskDefinitionId < 0 || taskDefinitionId > 65535 || TaskRegistry.isReserved(taskDefinitionId))) {
      context.err().println("error: --task-definition-id must be from 0 to 65535 and not one of the node's own ids 10001–10003 (got "
          + taskDefinitionId + ")");
      return 2;
    }
    byte[] data;
    if (text) {
      data = message.getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        data = Hex.decode(message);
      } catch (IllegalArgumentException e) {
        context.err().println("error: MESSAGE must be 0x-hex (it " + e.getMessage() + "); use --text to send text");
        return 2;
      }
    }
    Settings settings = options.load(context, Map.of());
    try (HttpClient http = Upstreams.newClient(settings.connectTimeout())) {
      OptionalInt target = taskDefinitionId == null ? OptionalInt.empty() : OptionalInt.of(taskDefinitionId);
      Acknowledgement answer = new NodeClient(http, settings.node()).sendCustomMessage(data, target);
      context.out().println("sent " + data.length + " bytes" + (taskDefinitionId == null ? "" : " for task definition " + taskDefinitionId)
          + " to " + settings.node().rpcUrl() + "; the node answered " + answer.result());
      return 0;
    } catch (UpstreamFailure e) {
      context.err().println("error: " + e.getMessage());
      return 1;
    }
  }
}
