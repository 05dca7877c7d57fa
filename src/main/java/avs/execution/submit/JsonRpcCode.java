package avs.execution.submit;

/** JSON-RPC 2.0 error codes used on the sendTask path, in one place. */
public enum JsonRpcCode {
  PARSE_ERROR(-32700),
  INVALID_REQUEST(-32600),
  METHOD_NOT_FOUND(-32601),
  INVALID_PARAMS(-32602),
  INTERNAL_ERROR(-32603),
  /** Server-defined: the task is well-formed but its signature does not check out. */
  INVALID_SIGNATURE(-32001);

  private final int code;

  JsonRpcCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * Whether an error with this code refuses the task itself (malformed, unknown method, bad params, bad signature):
   * sending the same bytes again cannot succeed. Internal and other server errors may pass on a later try.
   */
  public static boolean saysTaskIsInvalid(int code) {
    return code == PARSE_ERROR.code || code == INVALID_REQUEST.code || code == METHOD_NOT_FOUND.code
        || code == INVALID_PARAMS.code || code == INVALID_SIGNATURE.code;
  }
}
