package avs.execution.pipeline;

import avs.execution.sign.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A task's on-chain data as the outbox keeps it and the trigger's answer shows it: its text when the bytes are
 * UTF-8 (a price, an ipfs:// reference, the reference's "hello"), else {@code 0x} + hex of the bytes. The sendTask
 * params always carry the bytes as hex.
 */
final class DataText {
  private DataText() {}

  static String of(byte[] data) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      return Hex.encode(data);
    }
  }
}
