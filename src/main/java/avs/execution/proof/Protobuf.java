package avs.execution.proof;

import java.io.ByteArrayOutputStream;

/** The few protobuf wire-format writes dag-pb and UnixFS need: varints and length-delimited fields. */
final class Protobuf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Protobuf varintField(int field, long value) {
    varint((long) field << 3);
    varint(value);
    return this;
  }

  Protobuf bytesField(int field, byte[] value) {
    return bytesField(field, value, 0, value.length);
  }

  Protobuf bytesField(int field, byte[] value, int offset, int length) {
    varint(((long) field << 3) | 2);
    varint(length);
    out.write(value, offset, length);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void varint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  static byte[] varintBytes(long value) {
    Protobuf p = new Protobuf();
    p.varint(value);
    return p.toByteArray();
  }
}
