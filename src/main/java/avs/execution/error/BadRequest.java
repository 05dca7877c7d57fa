package avs.execution.error;

/** The caller sent something we cannot act on; names the field and what is wrong with it. */
public final class BadRequest extends RuntimeException {
  private final String field;

  public BadRequest(String field, String problem) {
    super(field == null ? problem : field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
