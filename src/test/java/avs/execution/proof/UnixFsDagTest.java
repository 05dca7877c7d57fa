package avs.execution.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import avs.execution.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CIDs against fixtures generated with ipfs-only-hash (Kubo's defaults), from 0 bytes to 87 MiB. */
class UnixFsDagTest {
  private static final JsonNode FIXTURES = Fixtures.load("fixtures/cid-fixtures.json");

  static Stream<Arguments> sizes() {
    return Fixtures.stream(FIXTURES.get("sizes"))
        .map(f -> Arguments.of(f.get("size").asInt(), f.get("cidV0").asString(), f.get("cidV1").asString()));
  }

  static Stream<Arguments> texts() {
    return Fixtures.stream(FIXTURES.get("texts"))
        .map(f -> Arguments.of(f.get("text").asString(), f.get("cidV0").asString(), f.get("cidV1").asString()));
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("sizes")
  void cidOfContentMatchesIpfsAddForEverySize(int size, String v0, String v1) {
    byte[] content = Fixtures.lcgContent(size);
    assertThat(UnixFsDag.cidOf(content, CidVersion.V0)).isEqualTo(v0);
    assertThat(UnixFsDag.cidOf(content, CidVersion.V1)).isEqualTo(v1);
  }

  @ParameterizedTest(name = "{0} bytes, streamed in odd pieces")
  @MethodSource("sizes")
  void streamingInUnevenReadsGivesTheSameCid(int size, String v0, String v1) throws IOException {
    byte[] content = Fixtures.lcgContent(size);
    assertThat(UnixFsDag.cidOf(new TrickleStream(content, 99_991), CidVersion.V0)).isEqualTo(v0);
    assertThat(UnixFsDag.cidOf(new ByteArrayInputStream(content), CidVersion.V1)).isEqualTo(v1);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("texts")
  void cidOfTextMatchesIpfsAdd(String text, String v0, String v1) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    assertThat(UnixFsDag.cidOf(content, CidVersion.V0)).isEqualTo(v0);
    assertThat(UnixFsDag.cidOf(content, CidVersion.V1)).isEqualTo(v1);
    assertThat(Cid.parse(v0).matches(content)).isTrue();
    assertThat(Cid.parse(v1).matches(content)).isTrue();
  }

  @Test
  void theEmptyFileIsTheWellKnownCid() {
    assertThat(UnixFsDag.cidOf(new byte[0], CidVersion.V0)).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
  }

  @Test
  void aBuilderCannotBeFinishedTwice() {
    UnixFsDag dag = new UnixFsDag(CidVersion.V0);
    dag.finish();
    assertThatThrownBy(dag::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parseAcceptsBothVersionsAndRefusesLookalikes() {
    assertThat(Cid.parse("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX").version()).isEqualTo(CidVersion.V0);
    assertThat(Cid.parse("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq").version()).isEqualTo(CidVersion.V1);
    assertThatThrownBy(() -> Cid.parse("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYeca0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cid.parse("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cid.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cid.parse("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4ye!")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesIsFalseForTamperedBytes() {
    Cid cid = Cid.parse("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX");
    assertThat(cid.matches("hello".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(cid.matches("hellO".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  /** Hands out at most {@code step} bytes per read, to cross chunk boundaries at odd places. */
  private static final class TrickleStream extends InputStream {
    private final byte[] content;
    private final int step;
    private int position;

    TrickleStream(byte[] content, int step) {
      this.content = content;
      this.step = step;
    }

    @Override
    public int read() {
      return position < content.length ? content[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= content.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, step), content.length - position);
      System.arraycopy(content, position, b, off, n);
      position += n;
      return n;
    }
  }
}
