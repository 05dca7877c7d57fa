package avs.execution.console;

import avs.execution.config.Settings;
import avs.execution.error.Upstreams;
import java.util.ArrayList;
import java.util.List;

/** The settings in effect, as name and value, secrets shown only as "set" (the same rule as {@code avs keys}). */
final class ConfigurationView {
  record Row(String name, String value) {}

  private ConfigurationView() {}

  static List<Row> of(Settings settings, String outboxDescription, String proofStoreName) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("BIND_ADDRESS, PORT", settings.server().bindAddress() + ":" + settings.server().port()));
    rows.add(new Row("PRIVATE_KEY_PERFORMER", settings.privateKey().isPresent() ? "set (never shown)" : "not set"));
    rows.add(new Row("SIGNATURE_TYPE", settings.signatureType().wireName()));
    rows.add(new Row("PERFORMER_ADDRESS", settings.performerAddress().orElse("(the key's address)")));
    rows.add(new Row("OTHENTIC_CLIENT_RPC_ADDRESS", Upstreams.shown(settings.node().rpcUrl())));
    rows.add(new Row("NODE_TIMEOUT_MS", Long.toString(settings.node().timeout().toMillis())));
    rows.add(new Row("NODE_BATCH_MAX", Integer.toString(settings.node().batchMax())));
    rows.add(new Row("PROOF_STORE", proofStoreName));
    rows.add(new Row("CID_VERSION", Integer.toString(settings.proofs().cidVersion())));
    rows.add(new Row("DATA_DIR", settings.dataDir().toString()));
    rows.add(new Row("outbox", outboxDescription));
    rows.add(new Row("DATABASE_URL", settings.outbox().databaseUrl().isPresent() ? "set (never shown)" : "not set"));
    rows.add(new Row("OUTBOX_SYNC", settings.outbox().sync().name().toLowerCase(java.util.Locale.ROOT)));
    rows.add(new Row("RETENTION_ACKNOWLEDGED, RETENTION_FAILED, RETENTION_DEAD, PROOF_RETENTION", settings.retention().describe()));
    var delivery = settings.delivery();
    rows.add(new Row("ACK_WAIT_MS", Long.toString(delivery.ackWait().toMillis())));
    rows.add(new Row("SUBMIT_MAX_ATTEMPTS", Integer.toString(delivery.maxAttempts())));
    rows.add(new Row("TASK_DEADLINE_SECONDS", Long.toString(delivery.deadline().toSeconds())));
    rows.add(new Row("RETRY_BASE_MS, RETRY_MAX_MS", delivery.retryBase().toMillis() + ", " + delivery.retryMax().toMillis()));
    rows.add(new Row("SUBMIT_CONCURRENCY", Integer.toString(delivery.sendConcurrency())));
    rows.add(new Row("MAX_IN_FLIGHT, MAX_QUEUED", delivery.maxInFlight() + ", " + delivery.maxQueued()));
    rows.add(new Row("variables available to tasks", settings.variables().size() + " (values never shown)"));
    return rows;
  }
}
