package avs.execution.outbox;

/**
 * Names the cause of a failed outbox write in words an operator acts on: a full disk, a read-only file system, a
 * database that cannot be reached; the database's own message follows.
 */
final class WriteFailures {
  private WriteFailures() {}

  static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    String cause;
    if (message.contains("SQLITE_FULL") || message.contains("No space left") || message.contains("disk is full")) {
      cause = "the disk is full";
    } else if (message.contains("SQLITE_READONLY") || message.contains("Read-only file system") || message.contains("read-only")) {
      cause = "the file system is read-only";
    } else if (message.contains("SQLITE_IOERR")) {
      cause = "the disk reported an I/O error";
    } else {
      return "outbox write failed: " + message;
    }
    return "the outbox cannot write: " + cause + " (" + message + "); nothing accepted before is lost, and writing resumes when it can";
  }
}
