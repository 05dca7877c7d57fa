package avs.execution.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void lineBreaksAndControlsAreEscapedSoNoLineCanBeForged() {
    assertThat(LogText.of("0xabc\n12:00:00.000 INFO  TaskProgress - forged")).isEqualTo("0xabc\\n12:00:00.000 INFO  TaskProgress - forged");
    assertThat(LogText.of("a\rb\tc\u0000d\u001b[31me\u007ff\u0085g\u2028h\u202ei")).isEqualTo(
        "a\\rb\\tc\\u0000d\\u001b[31me\\u007ff\\u0085g\\u2028h\\u202ei");
    assertThat(LogText.of("plain, ünïcode and emoji 🙂 stay")).isEqualTo("plain, ünïcode and emoji 🙂 stay");
  }

  @Test
  void longValuesAreCutWithTheRestCounted() {
    assertThat(LogText.of("x".repeat(60_000))).isEqualTo("x".repeat(LogText.MAX_VALUE_CHARS) + "…(+" + (60_000 - LogText.MAX_VALUE_CHARS) + " chars)");
    assertThat(LogText.of(null)).isEqualTo("null");
  }
}
