package avs.execution.trigger.chain;

import avs.execution.trigger.PerformerGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * {@code performer: roundRobin}: this service is the performer of slot s when the AttestationCenter's active operators
 * ({@code getActiveOperatorsDetails()}, read at the slot's block for block and event triggers, the latest block for
 * schedules) list it at index {@code s % n}, as Othentic's PRNG example elects its leader.
 */
public final class RoundRobinGate implements PerformerGate {
  static final String SELECTOR = Hash.sha3String("getActiveOperatorsDetails()").substring(0, 10);
  private final EthRpc rpc;
  private final String attestationCenter;
  private final String performer;
  private final boolean slotIsBlock;

  public RoundRobinGate(EthRpc rpc, String attestationCenter, String performer, boolean slotIsBlock) {
    this.rpc = rpc;
    this.attestationCenter = attestationCenter;
    this.performer = performer.toLowerCase(Locale.ROOT);
    this.slotIsBlock = slotIsBlock;
  }

  @Override
  public boolean elected(long slot) {
    List<String> operators = operators(slotIsBlock ? EthRpc.hex(slot) : "latest");
    if (operators.isEmpty()) {
      return false;
    }
    return operators.get((int) Math.floorMod(slot, (long) operators.size())).equals(performer);
  }

  /** The active operators' addresses, lower-case, in the contract's order. */
  List<String> operators(String blockTag) {
    return decode(rpc.call(attestationCenter, SELECTOR, blockTag));
  }

  /** {@code (address operator, uint256 operatorId, uint256 votingPower)[]}: an offset, a length, then three words each. */
  static List<String> decode(String hex) {
    String words = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (words.length() < 128) {
      throw new EthRpcError(0, "getActiveOperatorsDetails() answered " + words.length() / 2 + " bytes, not an array of operators");
    }
    int offset = Integer.parseInt(words.substring(0, 64).replaceFirst("^0+(?=.)", ""), 16) * 2;
    int count = Integer.parseInt(words.substring(offset, offset + 64).replaceFirst("^0+(?=.)", ""), 16);
    List<String> operators = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = offset + 64 + i * 192;
      operators.add("0x" + words.substring(at + 24, at + 64).toLowerCase(Locale.ROOT));
    }
    return operators;
  }
}
