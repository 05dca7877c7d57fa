package avs.execution.trigger;

import avs.execution.task.DurationText;
import avs.execution.task.SpecReader;
import avs.execution.trigger.chain.ChainTrigger;
import avs.execution.trigger.chain.EthRpc;
import avs.execution.trigger.chain.EventSignature;
import avs.execution.trigger.chain.RoundRobinGate;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Makes the running trigger a {@code trigger:} block describes, checking every setting first (each problem with its
 * place): the kind's own settings, the performer gate, and that the static input is one the task accepts.
 */
final class TriggerFactory {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  /** What triggers use: the HTTP client for RPCs, the clock, the intake, cursors, this performer, metrics. */
  record Context(HttpClient http, Clock clock, Firing firing, BiConsumer<Integer, JsonNode> checkInput, TriggerCursors cursors, String performer,
      TriggerMetrics metrics) {}

  private final Context context;

  TriggerFactory(Context context) {
    this.context = context;
  }

  /** The trigger, not started; empty with its problems added when a setting is wrong. */
  Optional<LoopingTrigger> create(TriggerSpec spec, List<String> problems) {
    SpecReader block = new SpecReader(spec.block(), spec.place());
    SpecReader kind = new SpecReader(block.json(spec.kind()).orElse(null), spec.place() + "." + spec.kind());
    block.json("input");
    String performer = block.string("performer").orElse("always");
    Optional<String> attestationCenter = block.string("attestationCenter");
    Optional<URI> gateRpc = block.url("rpc");
    Optional<LoopingTrigger> trigger = switch (spec.kind()) {
      case "interval", "cron" -> schedule(spec, kind, gate(spec, block, performer, attestationCenter, gateRpc, false));
      default -> chain(spec, kind, block, performer, attestationCenter, gateRpc);
    };
    kind.rejectUnknownKeys();
    block.rejectUnknownKeys();
    if (!spec.kind().equals("event")) {
      try {
        context.checkInput().accept(spec.taskDefinitionId(), spec.input());
      } catch (RuntimeException e) {
        block.problem("input", "the task " + spec.task() + " does not accept it: " + e.getMessage());
      }
    }
    problems.addAll(kind.problems());
    problems.addAll(block.problems());
    return kind.problems().isEmpty() && block.problems().isEmpty() ? trigger : Optional.empty();
  }

  private Optional<LoopingTrigger> schedule(TriggerSpec spec, SpecReader kind, PerformerGate gate) {
    CatchUp catchUp = catchUp(kind);
    if (spec.kind().equals("interval")) {
      Duration every = kind.duration("every", Duration.ofSeconds(1), Duration.ofDays(366)).orElse(null);
      if (every == null && !kind.has("every")) {
        kind.problem("every", "is required: how often, e.g. 30s or 5m");
      }
      return every == null ? Optional.empty() : Optional.of(new ScheduleTrigger(spec, new IntervalSchedule(every), "every " + DurationText.format(every),
          catchUp, gate, context.firing(), context.cursors(), context.clock(), context.metrics()));
    }
    ZoneId zone = kind.string("timeZone").map(text -> {
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        kind.problem("timeZone", "is not a time zone such as UTC or Europe/Berlin (got \"" + text + "\")");
        return ZoneId.of("UTC");
      }
    }).orElse(ZoneId.of("UTC"));
    Optional<String> expression = kind.string("schedule");
    if (expression.isEmpty()) {
      kind.problem("schedule", "is required: a cron expression such as \"*/5 * * * *\" (or with seconds first, \"0 */5 * * * *\")");
      return Optional.empty();
    }
    StringBuilder why = new StringBuilder();
    Optional<CronSchedule> cron = CronSchedule.parse(expression.get(), zone, why);
    if (cron.isEmpty()) {
      kind.problem("schedule", why.toString());
      return Optional.empty();
    }
    return Optional.of(new ScheduleTrigger(spec, cron.get(), "cron " + expression.get() + " " + zone, catchUp, gate, context.firing(),
        context.cursors(), context.clock(), context.metrics()));
  }

  private static CatchUp catchUp(SpecReader kind) {
    String text = kind.string("catchUp").orElse("last").toLowerCase(Locale.ROOT);
    return switch (text) {
      case "none" -> CatchUp.NONE;
      case "last" -> CatchUp.LAST;
      case "all" -> CatchUp.ALL;
      default -> {
        kind.problem("catchUp", "must be none, last or all (got \"" + text + "\")");
        yield CatchUp.LAST;
      }
    };
  }

  private Optional<LoopingTrigger> chain(TriggerSpec spec, SpecReader kind, SpecReader block, String performer, Optional<String> attestationCenter,
      Optional<URI> gateRpc) {
    Optional<URI> url = kind.url("rpc");
    if (url.isEmpty() && !kind.has("rpc")) {
      kind.problem("rpc", "is required: the chain's JSON-RPC URL, e.g. http://127.0.0.1:8545");
    }
    int confirmations = kind.integer("confirmations", 0, 10_000).orElse(2);
    Optional<Long> fromBlock = kind.string("fromBlock").flatMap(text -> {
      if (text.equals("latest")) {
        return Optional.empty();
      }
      if (!text.matches("[0-9]{1,15}")) {
        kind.problem("fromBlock", "must be latest or a block number (got \"" + text + "\")");
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(text));
    });
    Duration pollEvery = kind.duration("pollEvery", Duration.ofMillis(100), Duration.ofMinutes(10)).orElse(Duration.ofSeconds(2));
    int maxRange = kind.integer("maxRange", 1, 1_000_000).orElse(2000);
    ChainTrigger.Source source = spec.kind().equals("block") ? everyBlocks(kind) : events(kind);
    if (url.isEmpty() || source == null) {
      return Optional.empty();
    }
    EthRpc rpc = new EthRpc(context.http(), url.get(), Duration.ofSeconds(10));
    PerformerGate gate = gate(spec, block, performer, attestationCenter, gateRpc.or(() -> url), true);
    return Optional.of(new ChainTrigger(spec, rpc, new ChainTrigger.Settings(source, confirmations, fromBlock, pollEvery, maxRange), gate,
        context.firing(), context.cursors(), context.metrics()));
  }

  private static ChainTrigger.Source everyBlocks(SpecReader kind) {
    return new ChainTrigger.EveryBlocks(kind.integer("everyBlocks", 1, 1_000_000).orElse(1));
  }

  private static ChainTrigger.Source events(SpecReader kind) {
    Optional<String> address = kind.string("address");
    if (address.isEmpty() || !ADDRESS.matcher(address.get()).matches()) {
      kind.problem("address", "is required: the contract's 0x address (40 hex digits)");
    }
    Optional<String> signature = kind.string("signature");
    if (signature.isEmpty()) {
      kind.problem("signature", "is required: the event, e.g. TaskRequested(uint256 indexed id, bytes input)");
      return null;
    }
    StringBuilder why = new StringBuilder();
    Optional<EventSignature> event = EventSignature.parse(signature.get(), why);
    if (event.isEmpty()) {
      kind.problem("signature", why.toString());
      return null;
    }
    List<String> topics = new ArrayList<>();
    topics.add(event.get().topic());
    Map<String, String> filter = kind.stringMap("filter");
    event.get().indexedNames().forEach(unfiltered -> topics.add(null));
    filter.forEach((name, value) -> {
      StringBuilder problem = new StringBuilder();
      int at = event.get().indexedNames().indexOf(name);
      event.get().topicFor(name, value, problem).ifPresentOrElse(topic -> topics.set(at + 1, topic), () -> kind.problem("filter." + name, problem.toString()));
    });
    while (topics.size() > 1 && topics.getLast() == null) {
      topics.removeLast();
    }
    return address.filter(a -> ADDRESS.matcher(a).matches()).map(a -> new ChainTrigger.Events(a.toLowerCase(Locale.ROOT), event.get(), List.copyOf(topics)))
        .orElse(null);
  }

  private PerformerGate gate(TriggerSpec spec, SpecReader block, String performer, Optional<String> attestationCenter, Optional<URI> rpc,
      boolean slotIsBlock) {
    switch (performer) {
      case "always" -> {
        if (attestationCenter.isPresent()) {
          block.problem("attestationCenter", "is for performer: roundRobin");
        }
        return PerformerGate.ALWAYS;
      }
      case "roundRobin" -> {
        if (attestationCenter.isEmpty() || !ADDRESS.matcher(attestationCenter.get()).matches()) {
          block.problem("attestationCenter", "is required with performer: roundRobin: the AVS's AttestationCenter address");
          return PerformerGate.ALWAYS;
        }
        if (rpc.isEmpty()) {
          block.problem("rpc", "is required with performer: roundRobin on a schedule: the RPC of the chain the AttestationCenter is on");
          return PerformerGate.ALWAYS;
        }
        return new RoundRobinGate(new EthRpc(context.http(), rpc.get(), Duration.ofSeconds(10)), attestationCenter.get(), context.performer(), slotIsBlock);
      }
      default -> {
        block.problem("performer", "must be always or roundRobin (got \"" + performer + "\")");
        return PerformerGate.ALWAYS;
      }
    }
  }
}
