package avs.execution.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signed-in console sessions, in memory: random ids, valid for 12 hours, at most 256 (the oldest go first). */
final class ConsoleSessions {
  private static final Duration LIFETIME = Duration.ofHours(12);
  private static final int MAX = 256;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiries = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > MAX;
    }
  };

  synchronized String open() {
    byte[] id = new byte[24];
    random.nextBytes(id);
    String text = HexFormat.of().formatHex(id);
    expiries.put(text, Instant.now().plus(LIFETIME));
    return text;
  }

  synchronized boolean valid(String id) {
    Instant expiry = expiries.get(id);
    if (expiry == null) {
      return false;
    }
    if (expiry.isBefore(Instant.now())) {
      expiries.remove(id);
      return false;
    }
    return true;
  }
}
