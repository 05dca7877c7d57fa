package avs.execution.proof;

/**
 * A CID as text, checked for form: CIDv0 ({@code Qm…}, a base58btc sha2-256 multihash) or CIDv1 in base32
 * ({@code b…}). Only the form is checked; whether content matches is {@link #matches}'s question.
 */
public record Cid(String text, CidVersion version) {

  public static Cid parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a CID is required");
    }
    if (text.length() == 46 && text.startsWith("Qm")) {
      byte[] multihash = Multibase.decodeBase58btc(text);
      if (multihash.length != 34 || multihash[0] != 0x12 || multihash[1] != 0x20) {
        throw new IllegalArgumentException("not a sha2-256 CIDv0");
      }
      return new Cid(text, CidVersion.V0);
    }
    if (text.startsWith("b") && text.length() > 8 && text.length() < 120) {
      byte[] bytes = Multibase.decodeBase32Multibase(text);
      if (bytes.length < 4 || bytes[0] != 1) {
        throw new IllegalArgumentException("not a CIDv1");
      }
      if (!Multibase.base32Multibase(bytes).equals(text)) {
        throw new IllegalArgumentException("not a canonical base32 CIDv1");
      }
      return new Cid(text, CidVersion.V1);
    }
    throw new IllegalArgumentException("not a CID: expected Qm… (v0) or b… (v1, base32)");
  }

  /** Whether these bytes, added with Kubo's defaults at this CID's version, give this CID. */
  public boolean matches(byte[] content) {
    return UnixFsDag.cidOf(content, version).equals(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
