package avs.execution.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream entry by entry (ustar, with the PAX and GNU long-name extensions image builders write), for
 * tests that look inside image tarballs and their layers. Only what those tests need: names, modes, sizes, content.
 */
public final class TarReader {
  /** One entry; {@code content} is read only when the visitor asks for it. */
  public interface Visitor {
    void entry(String name, int mode, long size, char type, ContentSupplier content) throws IOException;
  }

  public interface ContentSupplier {
    byte[] read() throws IOException;
  }

  private TarReader() {}

  public static void read(InputStream in, Visitor visitor) throws IOException {
    String longName = null;
    byte[] header = new byte[512];
    while (true) {
      if (!readFully(in, header)) {
        return;
      }
      if (allZero(header)) {
        return;
      }
      String name = text(header, 0, 100);
      String prefix = text(header, 345, 155);
      if (!prefix.isEmpty() && header[257] == 'u') {
        name = prefix + "/" + name;
      }
      int mode = (int) octal(header, 100, 8);
      long size = octal(header, 124, 12);
      char type = (char) (header[156] == 0 ? '0' : header[156]);
      long padded = (size + 511) / 512 * 512;
      if (type == 'x' || type == 'L') {
        byte[] extension = in.readNBytes((int) size);
        skip(in, padded - size);
        String value = new String(extension, StandardCharsets.UTF_8);
        longName = type == 'L' ? value.replace("\0", "") : paxPath(value, longName);
        continue;
      }
      if (type == 'g') {
        skip(in, padded);
        continue;
      }
      if (longName != null) {
        name = longName;
        longName = null;
      }
      boolean[] consumed = {false};
      visitor.entry(name, mode, size, type, () -> {
        consumed[0] = true;
        byte[] content = in.readNBytes((int) size);
        skip(in, padded - size);
        return content;
      });
      if (!consumed[0]) {
        skip(in, padded);
      }
    }
  }

  private static String paxPath(String records, String fallback) {
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 6);
      }
    }
    return fallback;
  }

  private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
    int read = in.readNBytes(buffer, 0, buffer.length);
    if (read == 0) {
      return false;
    }
    if (read < buffer.length) {
      throw new EOFException("truncated tar header");
    }
    return true;
  }

  private static void skip(InputStream in, long bytes) throws IOException {
    in.skipNBytes(bytes);
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) {
    String digits = text(header, offset, length).strip();
    return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
  }
}
