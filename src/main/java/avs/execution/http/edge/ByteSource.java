package avs.execution.http.edge;

/** Where a connection's bytes come from: the next bytes the client sent, or null once it closed its side. */
@FunctionalInterface
interface ByteSource {
  byte[] next();
}
