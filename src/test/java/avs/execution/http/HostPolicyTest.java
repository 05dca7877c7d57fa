package avs.execution.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPolicyTest {
  @Test
  void onLoopbackOnlyLoopbackNamesAndTheConfiguredOnesAreAnswered() {
    HostPolicy hosts = HostPolicy.forBind("127.0.0.1", Set.of("performer.internal"));
    assertThat(hosts.allows("127.0.0.1:4003")).isTrue();
    assertThat(hosts.allows("localhost")).isTrue();
    assertThat(hosts.allows("LOCALHOST.:4003")).isTrue();
    assertThat(hosts.allows("[::1]:4003")).isTrue();
    assertThat(hosts.allows("performer.internal:4003")).isTrue();
    assertThat(hosts.allows("evil.example:4003")).isFalse();
    assertThat(hosts.allows("127.0.0.1.evil.example")).isFalse();
    assertThat(hosts.allows("")).isFalse();
  }

  @Test
  void onAWildcardAddressOrWithAStarAnyNameIsAnswered() {
    assertThat(HostPolicy.forBind("0.0.0.0", Set.of()).allows("execution-service:4003")).isTrue();
    assertThat(HostPolicy.forBind("::", Set.of()).allows("anything")).isTrue();
    assertThat(HostPolicy.forBind("127.0.0.1", Set.of("*")).allows("anything")).isTrue();
  }

  @Test
  void anOriginsHostIsItsAuthorityWithoutPort() {
    assertThat(HostPolicy.originHost("http://evil.example:8080")).contains("evil.example");
    assertThat(HostPolicy.originHost("https://[::1]:4003")).contains("::1");
    assertThat(HostPolicy.originHost("null")).isEmpty();
  }
}
