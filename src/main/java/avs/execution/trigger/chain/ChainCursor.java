package avs.execution.trigger.chain;

import avs.execution.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a chain trigger got to: the last block it processed and that block's hash, and the hashes of the blocks
 * before it (the newest {@link #KEPT}), so that after a reorganisation it can rewind to the newest block both chains
 * share. Saved as JSON in the trigger's cursor: {@code {"block":120,"hash":"0x…","recent":[[119,"0x…"],…]}}.
 */
final class ChainCursor {
  static final int KEPT = 64;
  private final Deque<EthRpc.Block> recent; // newest first

  private ChainCursor(Deque<EthRpc.Block> recent) {
    this.recent = recent;
  }

  static ChainCursor at(EthRpc.Block block) {
    Deque<EthRpc.Block> recent = new ArrayDeque<>();
    recent.addFirst(block);
    return new ChainCursor(recent);
  }

  static Optional<ChainCursor> parse(String text) {
    JsonNode node = Json.MAPPER.readTree(text);
    Deque<EthRpc.Block> recent = new ArrayDeque<>();
    recent.addLast(new EthRpc.Block(node.path("block").asLong(), node.path("hash").asString(), ""));
    for (JsonNode entry : node.path("recent")) {
      recent.addLast(new EthRpc.Block(entry.get(0).asLong(), entry.get(1).asString(), ""));
    }
    return Optional.of(new ChainCursor(recent));
  }

  long block() {
    return recent.getFirst().number();
  }

  String hash() {
    return recent.getFirst().hash();
  }

  /** Moves on to a newer processed block. */
  void advance(EthRpc.Block block) {
    recent.addFirst(block);
    while (recent.size() > KEPT) {
      recent.removeLast();
    }
  }

  /** The processed blocks, newest first, for finding the common ancestor. */
  List<EthRpc.Block> blocks() {
    return new ArrayList<>(recent);
  }

  /** Drops the blocks newer than {@code keep} (a rewind to it). */
  void rewindTo(EthRpc.Block keep) {
    while (!recent.isEmpty() && recent.getFirst().number() > keep.number()) {
      recent.removeFirst();
    }
    if (recent.isEmpty() || recent.getFirst().number() != keep.number()) {
      recent.addFirst(keep);
    }
  }

  String text() {
    ObjectNode node = Json.object().put("block", block()).put("hash", hash());
    ArrayNode list = node.putArray("recent");
    recent.stream().skip(1).forEach(b -> list.addArray().add(b.number()).add(b.hash()));
    return Json.text(node);
  }
}
