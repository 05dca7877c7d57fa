package avs.execution.sign;

/** The signature schemes sendTask knows, by their wire names. */
public enum SignatureType {
  ECDSA("ecdsa"),
  BLS("bls");

  private final String wireName;

  SignatureType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static SignatureType fromWireName(String name) {
    for (SignatureType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("signatureType must be \"ecdsa\" or \"bls\" (got \"" + name + "\")");
  }
}
