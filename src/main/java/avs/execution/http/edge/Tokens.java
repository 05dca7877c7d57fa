package avs.execution.http.edge;

/** The character classes of RFC 9110 §5.6 that request heads are checked against. */
final class Tokens {
  private static final boolean[] TCHAR = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private Tokens() {}

  static boolean isTchar(byte b) {
    return TCHAR[b & 0xff];
  }

  /** A token: one or more tchars, as methods and header names must be. */
  static boolean isToken(byte[] bytes, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!TCHAR[bytes[i] & 0xff]) {
        return false;
      }
    }
    return true;
  }

  /** A byte allowed in a field value: visible ASCII, space, tab, or obs-text; never another control character. */
  static boolean isFieldValueByte(byte b) {
    int c = b & 0xff;
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  }

  /** A byte allowed in a request target: visible ASCII only (no spaces, no controls, nothing above 0x7e). */
  static boolean isTargetByte(byte b) {
    int c = b & 0xff;
    return c > 0x20 && c < 0x7f;
  }

  static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t';
  }
}
