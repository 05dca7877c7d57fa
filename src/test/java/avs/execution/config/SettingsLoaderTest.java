package avs.execution.config;

import avs.execution.retention.RetentionSettings;
import avs.execution.outbox.TaskState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.outbox.OutboxSettings;
import avs.execution.outbox.PostgresUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsReproduceTheReference() {
    Settings s = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env"));
    assertThat(s.server().port()).isEqualTo(4003);
    assertThat(s.server().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(s.oracle().baseUrl().toString()).isEqualTo("https://api.binance.com/api/v3/");
    assertThat(s.oracle().symbol()).isEqualTo("ETHUSDT");
    assertThat(s.tasks()).singleElement().satisfies(task -> {
      assertThat(task.idText()).isEqualTo("*");
      assertThat(task.kind()).isEqualTo("price-oracle");
    });
    assertThat(s.proofs().store()).isEqualTo(avs.execution.proof.ProofSettings.Kind.EMBEDDED);
    assertThat(s.node().rpcUrl().toString()).isEqualTo("http://127.0.0.1:8545");
  }

  @Test
  void flagsBeatTheEnvironmentWhichBeatsTheDotEnvFile() throws IOException {
    Files.writeString(dir.resolve(".env"), "PORT=1111\nORACLE_SYMBOL=BTCUSDT\nexport CID_VERSION=\"1\"\n# comment\n");
    Settings fromFile = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env"));
    assertThat(fromFile.server().port()).isEqualTo(1111);
    assertThat(fromFile.proofs().cidVersion()).isEqualTo(1);
    Settings fromEnv = SettingsLoader.load(Map.of(), Map.of("PORT", "2222"), dir.resolve(".env"));
    assertThat(fromEnv.server().port()).isEqualTo(2222);
    assertThat(fromEnv.oracle().symbol()).isEqualTo("BTCUSDT");
    Settings fromFlag = SettingsLoader.load(Map.of("PORT", "3333"), Map.of("PORT", "2222"), dir.resolve(".env"));
    assertThat(fromFlag.server().port()).isEqualTo(3333);
  }

  @Test
  void pinataKeysInTheReferencesDotEnvSelectPinataAndTheOldGatewayNameWorks() throws IOException {
    Files.writeString(dir.resolve(".env"), "PINATA_API_KEY=k\nPINATA_SECRET_API_KEY=s\nIPFS_HOST=https://gw.example/ipfs\n");
    Settings s = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env"));
    assertThat(s.proofs().store()).isEqualTo(avs.execution.proof.ProofSettings.Kind.PINATA);
    assertThat(s.proofs().pinata().gateway()).hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("https://gw.example/ipfs/"));
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsVariable() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of(
        "PORT", "70000", "ORACLE_BASE_URL", "ftp://x", "PROOF_STORE", "s3", "CID_VERSION", "2",
        "PERFORMER_ADDRESS", "0x12", "ORACLE_SYMBOL", "eth/usdt"), Map.of(), dir.resolve(".env")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(6)
            .anySatisfy(p -> assertThat(p).startsWith("PORT must be a whole number from 0 to 65535"))
            .anySatisfy(p -> assertThat(p).startsWith("ORACLE_BASE_URL must be an http"))
            .anySatisfy(p -> assertThat(p).startsWith("PROOF_STORE must be"))
            .anySatisfy(p -> assertThat(p).startsWith("CID_VERSION must be"))
            .anySatisfy(p -> assertThat(p).startsWith("PERFORMER_ADDRESS must be"))
            .anySatisfy(p -> assertThat(p).startsWith("ORACLE_SYMBOL must be")));
  }

  @Test
  void pinataWithoutCredentialsIsAProblem() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("PROOF_STORE", "kubo"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("PROOF_STORE=kubo needs IPFS_API_URL");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("PROOF_STORE", "pinata"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("PROOF_STORE=pinata needs PINATA_API_KEY and PINATA_SECRET_API_KEY, or PINATA_JWT");
  }

  @Test
  void secretsNeverPrint() {
    String key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    Settings s = SettingsLoader.load(Map.of(), Map.of("PRIVATE_KEY", key, "PINATA_JWT", "jwt-secret-value"), dir.resolve(".env"));
    assertThat(s.privateKey()).hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo(key));
    assertThat(s.toString()).doesNotContain(key.substring(2)).doesNotContain("jwt-secret-value");
  }

  @Test
  void performerAddressNeedsAValidChecksumAndTheTypeAKnownName() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("SIGNATURE_TYPE", "bls", "PERFORMER_ADDRESS", "0x2c7536E3605D9C16a7a3D7b1898e529396a65C23"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("wrong EIP-55 checksum").hasMessageContaining("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("SIGNATURE_TYPE", "schnorr"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("SIGNATURE_TYPE must be ecdsa or bls");
    Settings lower = SettingsLoader.load(Map.of("SIGNATURE_TYPE", "bls", "PERFORMER_ADDRESS", "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"), Map.of(), dir.resolve(".env"));
    assertThat(lower.performerAddress()).hasValue("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
  }

  @Test
  void outboxSyncIsFullUnlessSaidOtherwise() {
    assertThat(SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env")).outbox().sync()).isEqualTo(OutboxSettings.Sync.FULL);
    assertThat(SettingsLoader.load(Map.of("OUTBOX_SYNC", "Normal"), Map.of(), dir.resolve(".env")).outbox().sync()).isEqualTo(OutboxSettings.Sync.NORMAL);
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("OUTBOX_SYNC", "off"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("OUTBOX_SYNC must be full").hasMessageContaining("\"off\"");
  }

  @Test
  void retentionDefaultsToAWeekForAcknowledgedTasksAndAMonthForTheRest() {
    RetentionSettings defaults = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env")).retention();
    assertThat(defaults).isEqualTo(new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(7)));
    assertThat(defaults.describe()).isEqualTo("acknowledged 7d, failed 30d, dead 30d, proofs 7d");
    RetentionSettings short_ = SettingsLoader.load(Map.of("RETENTION_ACKNOWLEDGED", "10m", "RETENTION_DEAD", "P90D", "PROOF_MAX_AGE_SECONDS", "7200"),
        Map.of(), dir.resolve(".env")).retention();
    assertThat(short_.acknowledged()).isEqualTo(Duration.ofMinutes(10));
    assertThat(short_.dead()).isEqualTo(Duration.ofDays(90));
    assertThat(short_.proofs()).as("never shorter than validation accepts a proof").isEqualTo(Duration.ofHours(2));
    RetentionSettings forever = SettingsLoader.load(Map.of("RETENTION_ACKNOWLEDGED", "0"), Map.of(), dir.resolve(".env")).retention();
    assertThat(forever.of(TaskState.ACKNOWLEDGED)).isEmpty();
    assertThat(forever.ofProofs()).as("proofs live as long as their tasks").isEmpty();
    assertThat(SettingsLoader.load(Map.of("PROOF_RETENTION", "36h"), Map.of(), dir.resolve(".env")).retention().proofs()).isEqualTo(Duration.ofHours(36));
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("RETENTION_FAILED", "7"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("RETENTION_FAILED must be a time with its unit").hasMessageContaining("(got \"7\")");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("RETENTION_DEAD", "5s"), Map.of(), dir.resolve(".env"))).hasMessageContaining("from 1m up");
  }

  @Test
  void l2ChainTakesNamesAndIdsAndRefusesUnknownNames() {
    Settings s = SettingsLoader.load(Map.of("L2_CHAIN", "base-sepolia, amoy,31337"), Map.of(), dir.resolve(".env"));
    assertThat(s.targetChains().refusal(84532)).isEmpty();
    assertThat(s.targetChains().refusal(80002)).isEmpty();
    assertThat(s.targetChains().refusal(31337)).isEmpty();
    assertThat(s.targetChains().refusal(1)).isPresent();
    assertThat(SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env")).targetChains().refusal(1)).isEmpty();
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("L2_CHAIN", "base-sepolia,narnia"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("L2_CHAIN names unknown chain \"narnia\"");
  }

  @Test
  void clientLimitsAndAllowedHostsHaveDefaultsAndAreChecked() {
    Settings s = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env"));
    assertThat(s.server().maxHeaderBytes()).isEqualTo(16384);
    assertThat(s.server().headersTimeout().toMillis()).isEqualTo(10_000);
    assertThat(s.server().bodyTimeout().toMillis()).isEqualTo(30_000);
    assertThat(s.server().keepAliveTimeout().toMillis()).isEqualTo(120_000);
    assertThat(s.server().allowedHosts()).isEmpty();
    assertThat(SettingsLoader.load(Map.of(), Map.of("ALLOWED_HOSTS", "performer.internal, 10.0.0.5,[fd00::1]"), dir.resolve(".env"))
        .server().allowedHosts()).containsExactlyInAnyOrder("performer.internal", "10.0.0.5", "[fd00::1]");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of("ALLOWED_HOSTS", "host:4003", "HEADERS_TIMEOUT_MS", "0"), dir.resolve(".env")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ALLOWED_HOSTS must list host names or addresses without ports")
        .hasMessageContaining("HEADERS_TIMEOUT_MS");
  }

  @Test
  void outboxDefaultsAndLimitsAreChecked() {
    Settings s = SettingsLoader.load(Map.of(), Map.of("DATA_DIR", dir.toString()), dir.resolve(".env"));
    assertThat(s.outbox().file()).isEqualTo(dir.resolve("outbox.db"));
    assertThat(s.outbox().databaseUrl()).isEmpty();
    assertThat(s.delivery().ackWait().toMillis()).isEqualTo(10_000);
    assertThat(s.delivery().maxAttempts()).isEqualTo(100);
    assertThat(s.delivery().maxInFlight()).isEqualTo(512);
    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of("RETRY_BASE_MS", "5000", "RETRY_MAX_MS", "100", "MAX_IN_FLIGHT", "0"),
        dir.resolve(".env")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RETRY_MAX_MS must be at least RETRY_BASE_MS")
        .hasMessageContaining("MAX_IN_FLIGHT");
  }

  @Test
  void databaseUrlsAreParsedAndTheirPasswordsNeverQuoted() {
    PostgresUrl url = PostgresUrl.parse("postgres://avs:p%40ss-w0rd@db.internal:6432/outbox?sslmode=require");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/outbox?sslmode=require");
    assertThat(url.user()).contains("avs");
    assertThat(url.password()).contains("p@ss-w0rd");
    assertThat(url.describe()).isEqualTo("postgresql://db.internal:6432/outbox").doesNotContain("w0rd");
    assertThat(PostgresUrl.parse("jdbc:postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of("DATABASE_URL", "mysql://root:hunter2@h/db"), dir.resolve(".env")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL must start with postgres://")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of("DATABASE_URL", "postgres://u:hunter2@host"), dir.resolve(".env")))
        .hasMessageContaining("database name")
        .hasMessageNotContaining("hunter2");
    Settings s = SettingsLoader.load(Map.of(), Map.of("DATABASE_URL", "postgres://u:hunter2@host/db"), dir.resolve(".env"));
    assertThat(s.toString()).doesNotContain("hunter2");
  }

  @Test
  void validationDefaultsAndLimitsAreChecked() {
    Settings s = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env"));
    assertThat(s.validation().port()).isEqualTo(4002);
    assertThat(s.oracle().allowedDeviation()).isEqualByComparingTo("0.05");
    assertThat(s.oracle().maxProofAge().toSeconds()).isEqualTo(3_600);
    assertThat(s.validation().services()).containsExactly(Settings.Service.EXECUTION);
    Settings both = SettingsLoader.load(Map.of(), Map.of("SERVICES", "execution, validation", "ALLOWED_PRICE_DEVIATION", "0.1"), dir.resolve(".env"));
    assertThat(both.validation().services()).containsExactly(Settings.Service.EXECUTION, Settings.Service.VALIDATION);
    assertThat(both.oracle().allowedDeviation()).isEqualByComparingTo("0.1");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of("SERVICES", "execution,attester", "ALLOWED_PRICE_DEVIATION", "5%",
        "PROOF_MAX_AGE_SECONDS", "0"), dir.resolve(".env")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SERVICES must list execution and/or validation")
        .hasMessageContaining("ALLOWED_PRICE_DEVIATION must be a fraction from 0 to 1")
        .hasMessageContaining("PROOF_MAX_AGE_SECONDS");
  }

  @Test
  void kuboTakesItsApiAndReadsBackThroughTheNodesGatewayByDefault() {
    Settings s = SettingsLoader.load(Map.of("PROOF_STORE", "kubo", "IPFS_API_URL", "http://10.0.0.5:5001", "IPFS_API_AUTH", "Bearer t0ken"),
        Map.of(), dir.resolve(".env"));
    assertThat(s.proofs().store()).isEqualTo(avs.execution.proof.ProofSettings.Kind.KUBO);
    var kubo = s.proofs().kubo().orElseThrow();
    assertThat(kubo.apiUrl().toString()).isEqualTo("http://10.0.0.5:5001");
    assertThat(kubo.gateway().toString()).isEqualTo("http://10.0.0.5:8080/ipfs/");
    assertThat(kubo.authorization().orElseThrow().toString()).doesNotContain("t0ken");
    Settings gateway = SettingsLoader.load(Map.of("PROOF_STORE", "kubo", "IPFS_API_URL", "http://127.0.0.1:5001", "IPFS_GATEWAY", "https://gw.example/ipfs"),
        Map.of(), dir.resolve(".env"));
    assertThat(gateway.proofs().kubo().orElseThrow().gateway().toString()).isEqualTo("https://gw.example/ipfs/");
  }

  @Test
  void theNodeApiListensOn9010UnlessTurnedOff() {
    Settings defaults = SettingsLoader.load(Map.of(), Map.of(), dir.resolve(".env"));
    assertThat(defaults.nodeApi().port()).hasValue(9010);
    assertThat(defaults.nodeApi().backlogLimit()).isEqualTo(1_000);
    assertThat(defaults.nodeApi().nodeUnhealthyAfter()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(SettingsLoader.load(Map.of("NODE_API_PORT", "off"), Map.of(), dir.resolve(".env")).nodeApi().port()).isEmpty();
    assertThat(SettingsLoader.load(Map.of("SERVICES", "validation"), Map.of(), dir.resolve(".env")).nodeApi().port()).hasValue(9011);
    assertThat(SettingsLoader.load(Map.of("SERVICES", "validation", "NODE_API_PORT", "9010"), Map.of(), dir.resolve(".env")).nodeApi().port())
        .hasValue(9010);
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("NODE_API_PORT", "ninety"), Map.of(), dir.resolve(".env")))
        .hasMessageContaining("NODE_API_PORT");
  }
}
