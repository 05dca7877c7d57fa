package avs.execution.trigger.chain;

import avs.execution.json.Json;
import avs.execution.logging.LogText;
import avs.execution.trigger.Firing;
import avs.execution.trigger.LoopingTrigger;
import avs.execution.trigger.PerformerGate;
import avs.execution.trigger.TriggerCursors;
import avs.execution.trigger.TriggerMetrics;
import avs.execution.trigger.TriggerSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A block or event trigger on one chain's RPC. Each poll: the head, the blocks now {@code confirmations} deep, and
 * for each range of them either every {@code everyBlocks}-th block ({@code block:7:<chainId>:<n>}) or every log of
 * the event ({@code event:7:<chainId>:<blockHash>:<logIndex>}), fired through the intake under that key, so a restart
 * or a replayed range never makes a second task. Before each poll the cursor's block hash is checked against the
 * chain; when it differs (a reorganisation deeper than the confirmations), the trigger rewinds to the newest block
 * both share. A provider's log-range limit halves the range, which grows back after successes; RPC failures are
 * retried with backoff.
 */
public final class ChainTrigger extends LoopingTrigger {
  private static final Logger LOG = LoggerFactory.getLogger(ChainTrigger.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** Log queries that must succeed at a range before it doubles again. */
  private static final int GROW_AFTER = 16;

  /** What the trigger reacts to: every n-th block, or the logs of one event. */
  public sealed interface Source permits EveryBlocks, Events {}

  public record EveryBlocks(int every) implements Source {}

  /** @param topics topic0 (the event), then one filter per indexed parameter (null: any) */
  public record Events(String address, EventSignature event, List<String> topics) implements Source {}

  /** @param fromBlock the first block to process when the trigger has no cursor, or empty for "latest" */
  public record Settings(Source source, int confirmations, Optional<Long> fromBlock, Duration pollEvery, int maxRange) {}

  private final TriggerSpec spec;
  private final EthRpc rpc;
  private final Settings settings;
  private final PerformerGate gate;
  private final Firing firing;
  private final TriggerCursors cursors;
  private final TriggerMetrics metrics;
  private volatile ChainCursor cursor;
  private volatile long chainId = -1;
  private volatile long head = -1;
  private volatile int range;
  private int successes;
  private volatile String lastError;
  private volatile ObjectNode lastFiring;

  public ChainTrigger(TriggerSpec spec, EthRpc rpc, Settings settings, PerformerGate gate, Firing firing, TriggerCursors cursors, TriggerMetrics metrics) {
    super(spec.id());
    this.spec = spec;
    this.rpc = rpc;
    this.settings = settings;
    this.gate = gate;
    this.firing = firing;
    this.cursors = cursors;
    this.metrics = metrics;
    this.range = settings.maxRange();
  }

  @Override
  public String id() {
    return spec.id();
  }

  @Override
  protected void run() {
    Duration backoff = settings.pollEvery();
    while (!closed()) {
      try {
        poll();
        lastError = null;
        backoff = settings.pollEvery();
        pause(settings.pollEvery());
      } catch (RuntimeException e) {
        lastError = e.getMessage();
        LOG.warn("trigger {}: {}; trying again in {} ms", id(), LogText.of(e.getMessage()), backoff.toMillis());
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /** One poll: rewind after a reorganisation, then process every confirmed block after the cursor. */
  void poll() {
    if (chainId < 0) {
      chainId = rpc.chainId();
    }
    head = rpc.blockNumber();
    long safe = head - settings.confirmations();
    if (cursor == null) {
      cursor = cursors.cursor(id()).flatMap(ChainCursor::parse).orElseGet(() -> {
        long start = settings.fromBlock().map(b -> b - 1).orElse(safe);
        ChainCursor fresh = ChainCursor.at(rpc.block(Math.max(0, Math.min(start, safe))));
        cursors.saveCursor(id(), fresh.text());
        return fresh;
      });
    }
    rewindIfReorganised();
    while (!closed() && cursor.block() < safe) {
      long from = cursor.block() + 1;
      long to = Math.min(safe, from + range - 1);
      Optional<Boolean> processed = process(from, to);
      if (processed.isEmpty()) {
        continue; // the range was too large and is now smaller: the same blocks again
      }
      if (!processed.get()) {
        return; // a firing must wait: the next poll goes on from here, and the keys keep what did fire once
      }
      cursor.advance(rpc.block(to));
      cursors.saveCursor(id(), cursor.text());
    }
    metrics.lag(id(), Math.max(0, head - cursor.block()));
  }

  private void rewindIfReorganised() {
    for (EthRpc.Block processed : cursor.blocks()) {
      EthRpc.Block now = rpc.block(processed.number());
      if (now.hash().equalsIgnoreCase(processed.hash())) {
        if (processed.number() != cursor.block()) {
          LOG.warn("trigger {}: the chain reorganised below block {}; rewound to block {}, the newest both chains share", id(), cursor.block(),
              processed.number());
          cursor.rewindTo(now);
          cursors.saveCursor(id(), cursor.text());
        }
        return;
      }
    }
    EthRpc.Block oldest = cursor.blocks().getLast();
    long back = Math.max(0, oldest.number() - 1);
    LOG.warn("trigger {}: the chain reorganised deeper than the {} blocks remembered; rewound to block {}", id(), ChainCursor.KEPT, back);
    cursor.rewindTo(rpc.block(back));
    cursors.saveCursor(id(), cursor.text());
  }

  /**
   * Fires what blocks {@code from}..{@code to} hold: true when all fired, false when one must wait for a later poll,
   * empty when the provider refused the range (now halved).
   */
  private Optional<Boolean> process(long from, long to) {
    return switch (settings.source()) {
      case EveryBlocks every -> {
        for (long n = from; n <= to; n++) {
          if (n % every.every() == 0 && !fire(n, spec.input(), "block:" + spec.taskDefinitionId() + ":" + chainId + ":" + n)) {
            yield Optional.of(false);
          }
        }
        yield Optional.of(true);
      }
      case Events events -> {
        List<EthRpc.Log> logs;
        try {
          logs = rpc.logs(events.address(), events.topics(), from, to);
        } catch (EthRpcError e) {
          if (e.rangeTooLarge() && range > 1) {
            range = Math.max(1, range / 2);
            successes = 0;
            LOG.info("trigger {}: the RPC refused {} blocks of logs at once ({}); asking for {}", id(), to - from + 1, LogText.of(e.getMessage()), range);
            yield Optional.empty();
          }
          throw e;
        }
        if (++successes >= GROW_AFTER && range < settings.maxRange()) {
          range = Math.min(settings.maxRange(), range * 2); // the limit may have been a busy moment: try more again, slowly
          successes = 0;
        }
        for (EthRpc.Log log : logs.stream().sorted(Comparator.comparingLong(EthRpc.Log::blockNumber).thenComparingLong(EthRpc.Log::logIndex)).toList()) {
          if (log.removed()) {
            continue;
          }
          Optional<ObjectNode> input = events.event().decode(log);
          if (input.isEmpty()) {
            LOG.warn("trigger {}: a log in block {} (index {}) does not fit {}; skipped", id(), log.blockNumber(), log.logIndex(), events.event().name());
            metrics.skipped(id(), "undecodable", 1);
            continue;
          }
          ObjectNode fields = input.get();
          fields.putObject("log").put("blockNumber", log.blockNumber()).put("blockHash", log.blockHash())
              .put("transactionHash", log.transactionHash()).put("logIndex", log.logIndex()).put("address", log.address());
          String key = "event:" + spec.taskDefinitionId() + ":" + chainId + ":" + log.blockHash() + ":" + log.logIndex();
          if (!fire(log.blockNumber(), fields, key)) {
            yield Optional.of(false);
          }
        }
        yield Optional.of(true);
      }
    };
  }

  /** One firing; false when the intake refused it now (the range is retried at the next poll, its keys keep it once). */
  private boolean fire(long block, JsonNode input, String key) {
    try {
      if (!gate.elected(block)) {
        metrics.skipped(id(), "not_leader", 1);
        record(key, "not_leader");
        return true;
      }
      Firing.Result result = firing.fire(spec.taskDefinitionId(), input, key);
      if (result == Firing.Result.CREATED) {
        metrics.fired(id());
      } else {
        metrics.skipped(id(), "duplicate", 1);
      }
      record(key, result == Firing.Result.CREATED ? "fired" : "duplicate");
      return true;
    } catch (EthRpcError e) {
      throw e;
    } catch (RuntimeException e) {
      lastError = e.getMessage();
      LOG.info("trigger {}: {} not fired yet ({}); the next poll tries again", id(), key, LogText.of(e.getMessage()));
      return false;
    }
  }

  private void record(String key, String outcome) {
    lastFiring = Json.object().put("key", key).put("outcome", outcome);
  }


  @Override
  public ObjectNode describe() {
    ObjectNode view = Json.object().put("id", id()).put("kind", spec.kind()).put("task", spec.task()).put("taskDefinitionId", spec.taskDefinitionId())
        .put("rpc", rpc.describe()).put("confirmations", settings.confirmations());
    switch (settings.source()) {
      case EveryBlocks every -> view.put("everyBlocks", every.every());
      case Events events -> view.put("address", events.address()).put("event", events.event().name()).put("topic", events.event().topic());
    }
    ChainCursor now = cursor;
    if (now != null) {
      view.putObject("cursor").put("block", now.block()).put("hash", now.hash());
    }
    if (head >= 0) {
      view.put("head", head).put("lagBlocks", now == null ? head : Math.max(0, head - now.block()));
    }
    view.put("logRange", range);
    view.set("lastFiring", lastFiring == null ? Json.MAPPER.nullNode() : lastFiring);
    view.put("lastError", lastError);
    return view;
  }

}
