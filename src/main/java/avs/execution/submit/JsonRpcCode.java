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
}
