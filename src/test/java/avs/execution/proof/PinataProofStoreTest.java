package avs.execution.proof;

import static org.assertj.core.api.Assertions.assertThat;

import avs.execution.json.Json;
import avs.execution.logging.Secret;
import avs.execution.support.LoopbackServer;
import avs.execution.support.MultipartBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What Pinata is sent: JSON proofs through pinJSONToIPFS, other bytes (data by reference) through pinFileToIPFS. */
class PinataProofStoreTest {
  @Test
  void jsonIsPinnedAsJsonAndOtherBytesAsAFileEachUnderTheCidComputedHere() {
    List<String> calls = new CopyOnWriteArrayList<>();
    try (LoopbackServer pinata = LoopbackServer.start(routes -> routes
        .post("/pinning/pinJSONToIPFS", (req, res) -> {
          byte[] stored = Json.bytes(Json.MAPPER.readTree(req.content().as(String.class)).get("pinataContent"));
          calls.add("json");
          res.send("{\"IpfsHash\":\"" + UnixFsDag.cidOf(stored, CidVersion.V0) + "\"}");
        })
        .post("/pinning/pinFileToIPFS", (req, res) -> {
          MultipartBodies.Upload upload = MultipartBodies.read(req);
          calls.add("file " + upload.text().contains("name=\"pinataOptions\"\r\n\r\n{\"cidVersion\":0}"));
          res.send("{\"IpfsHash\":\"" + UnixFsDag.cidOf(upload.file(), CidVersion.V0) + "\"}");
        }))) {
      PinataSettings settings = new PinataSettings(URI.create(pinata.url("")), Optional.empty(), Optional.empty(), Optional.of(new Secret("jwt")),
          Optional.empty(), Duration.ofSeconds(5));
      PinataProofStore store = new PinataProofStore(HttpClient.newHttpClient(), settings, CidVersion.V0);
      byte[] document = "{\"proof\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
      byte[] data = {0, (byte) 0xff, 13, 10, '-', '-', 1};
      assertThat(store.put(document).cid()).isEqualTo(UnixFsDag.cidOf(document, CidVersion.V0));
      assertThat(store.put(data).cid()).isEqualTo(UnixFsDag.cidOf(data, CidVersion.V0));
      assertThat(calls).containsExactly("json", "file true");
    }
  }
}
