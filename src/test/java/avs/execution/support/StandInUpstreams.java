package avs.execution.support;

import avs.execution.devnet.LocalPriceFeed;
import avs.execution.devnet.NodeStandIn;
import java.util.HashMap;
import java.util.Map;

/** The local price feed and a verifying node stand-in on loopback, and the variables that point a service at them. */
public final class StandInUpstreams implements AutoCloseable {
  public final LocalPriceFeed exchange = LocalPriceFeed.start("127.0.0.1", 0);
  public final NodeStandIn node = NodeStandIn.start(0, task -> {});

  /** ORACLE_BASE_URL and OTHENTIC_CLIENT_RPC_ADDRESS for these stand-ins, then the extra variables (which win). */
  public Map<String, String> variables(Map<String, String> extra) {
    Map<String, String> vars = new HashMap<>(Map.of(
        "ORACLE_BASE_URL", exchange.baseUrl(),
        "OTHENTIC_CLIENT_RPC_ADDRESS", "http://127.0.0.1:" + node.port() + "/"));
    vars.putAll(extra);
    return vars;
  }

  @Override
  public void close() {
    node.close();
    exchange.close();
  }
}
