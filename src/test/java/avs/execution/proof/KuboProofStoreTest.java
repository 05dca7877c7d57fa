package avs.execution.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.error.UpstreamFailure;
import avs.execution.logging.Secret;
import avs.execution.support.LoopbackServer;
import avs.execution.support.MultipartBodies;
import io.helidon.http.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Kubo store against a stand-in that speaks Kubo's RPC as Kubo does: {@code POST /api/v0/add} with a multipart
 * file, the DAG chosen by the query (cid-version, raw-leaves, chunker), the answer as JSON lines; and a gateway.
 */
class KuboProofStoreTest {
  private final Map<String, byte[]> added = new ConcurrentHashMap<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();

  /** The node: builds the DAG the query asks for (a wrong combination gives another CID, as real Kubo would). */
  private LoopbackServer kubo(String answerOverride, int status) {
    return LoopbackServer.start(routes -> routes
        .post("/api/v0/add", (req, res) -> {
          queries.add(req.query().rawValue());
          if (status != 200) {
            res.status(Status.create(status)).send(answerOverride);
            return;
          }
          byte[] file = MultipartBodies.read(req).file();
          boolean v1 = req.query().first("cid-version").orElse("0").equals("1");
          boolean rawLeaves = req.query().first("raw-leaves").orElse(v1 ? "true" : "false").equals("true");
          boolean defaultChunks = req.query().first("chunker").orElse("size-262144").equals("size-262144");
          String cid = UnixFsDag.cidOf(file, v1 && rawLeaves ? CidVersion.V1 : CidVersion.V0);
          if (!defaultChunks || (v1 != rawLeaves)) {
            cid = "QmSomeOtherDagBecauseTheSettingsDifferXXXXXXXXXXXX";
          }
          added.put(cid, file);
          res.header("Content-Type", "application/json")
              .send(answerOverride != null ? answerOverride : "{\"Name\":\"" + cid + "\",\"Hash\":\"" + cid + "\",\"Size\":\"" + file.length + "\"}\n");
        })
        .get("/ipfs/{cid}", (req, res) -> {
          byte[] content = added.get(req.path().pathParameters().get("cid"));
          if (content == null) {
            res.status(Status.NOT_FOUND_404).send();
          } else {
            res.send(content);
          }
        }));
  }

  private static KuboProofStore store(LoopbackServer node, CidVersion version) {
    KuboSettings settings = new KuboSettings(URI.create(node.url("")), Optional.of(new Secret("Bearer api-token")),
        URI.create(node.url("/ipfs/")), Duration.ofSeconds(5));
    return new KuboProofStore(HttpClient.newHttpClient(), settings, version);
  }

  @ParameterizedTest
  @EnumSource(CidVersion.class)
  void aProofIsAddedPinnedAndReadBackThroughTheGatewayUnderTheCidComputedHere(CidVersion version) {
    try (LoopbackServer node = kubo(null, 200)) {
      KuboProofStore store = store(node, version);
      byte[] document = "{\"proof\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
      Proof proof = store.put(document);
      assertThat(proof.cid()).isEqualTo(UnixFsDag.cidOf(document, version));
      assertThat(store.get(Cid.parse(proof.cid()))).hasValue(document);
      assertThat(queries.getFirst()).contains("pin=true").contains("chunker=size-262144")
          .contains(version == CidVersion.V1 ? "cid-version=1&raw-leaves=true" : "cid-version=0&raw-leaves=false");
    }
  }

  @Test
  void largeContentSpanningManyChunksGetsTheSameCidAsTheNode() {
    try (LoopbackServer node = kubo(null, 200)) {
      byte[] big = new byte[3 * UnixFsDag.CHUNK_SIZE + 17];
      Arrays.fill(big, (byte) 'x');
      assertThat(store(node, CidVersion.V0).put(big).cid()).isEqualTo(UnixFsDag.cidOf(big, CidVersion.V0));
    }
  }

  @Test
  void aNodeThatAnswersAnotherCidIsRefusedAsAnUnverifiableProof() {
    try (LoopbackServer node = kubo("{\"Name\":\"x\",\"Hash\":\"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG\",\"Size\":\"6\"}\n", 200)) {
      assertThatThrownBy(() -> store(node, CidVersion.V0).put("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UpstreamFailure.class)
          .hasMessageContaining("IPFS node (Kubo RPC)").hasMessageContaining("refusing to use an unverifiable proof");
    }
  }

  @Test
  void kubosErrorsAreClassifiedLikePinatasAndNameTheNode() {
    try (LoopbackServer node = kubo("{\"Message\":\"blockstore: disk full\",\"Code\":0,\"Type\":\"error\"}", 500)) {
      assertThatThrownBy(() -> store(node, CidVersion.V0).put(new byte[] {1}))
          .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.Kind.BAD_ANSWER))
          .hasMessageContaining("HTTP 500").hasMessageContaining("disk full");
    }
    try (LoopbackServer node = kubo("unauthorized", 403)) {
      assertThatThrownBy(() -> store(node, CidVersion.V0).put(new byte[] {1}))
          .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("credentials refused").hasMessageContaining("IPFS_API_AUTH").hasMessageNotContaining("api-token");
    }
    try (LoopbackServer node = kubo("busy", 503)) {
      assertThatThrownBy(() -> store(node, CidVersion.V0).put(new byte[] {1}))
          .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Test
  void anErrorLineInsideA200AnswerIsAFailureAndNotAProof() {
    try (LoopbackServer node = kubo("{\"Message\":\"context canceled\",\"Type\":\"error\"}\n", 200)) {
      assertThatThrownBy(() -> store(node, CidVersion.V0).put(new byte[] {1}))
          .isInstanceOf(UpstreamFailure.class).hasMessageContaining("add failed: context canceled");
    }
  }

  @Test
  void anUnreachableNodeIsARetryableFailureNamingIt() {
    KuboSettings settings = new KuboSettings(URI.create("http://127.0.0.1:" + LoopbackServer.closedPort()), Optional.empty(),
        URI.create("http://127.0.0.1:1/ipfs/"), Duration.ofSeconds(2));
    KuboProofStore store = new KuboProofStore(HttpClient.newHttpClient(), settings, CidVersion.V0);
    assertThatThrownBy(() -> store.put(new byte[] {1}))
        .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("IPFS node (Kubo RPC)");
  }
}
