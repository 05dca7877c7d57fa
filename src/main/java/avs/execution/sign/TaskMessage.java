package avs.execution.sign;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * What a performer signs: {@code keccak256(abi.encode(string proofOfTask, bytes data, address performer, uint16
 * taskDefinitionId))}, the hash Othentic's AttestationCenter recomputes on chain. {@code data} is the raw bytes.
 */
public record TaskMessage(String proofOfTask, byte[] data, String performerAddress, int taskDefinitionId) {

  public TaskMessage {
    if (taskDefinitionId < 0 || taskDefinitionId > 65535) {
      throw new IllegalArgumentException("taskDefinitionId must be a uint16 (0..65535), got " + taskDefinitionId);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Standard (non-packed) ABI encoding of the four parameters. */
  public byte[] abiEncoded() {
    List<Type> params = List.of(
        new Utf8String(proofOfTask),
        new DynamicBytes(data),
        new Address(performerAddress),
        new Uint16(BigInteger.valueOf(taskDefinitionId)));
    return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(params));
  }

  public byte[] hash() {
    return Hash.sha3(abiEncoded());
  }

  /** {@code data} as it travels in sendTask: 0x + lower-case hex, {@code 0x} when empty. */
  public String dataHex() {
    return Hex.encode(data);
  }
}
