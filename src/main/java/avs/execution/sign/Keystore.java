package avs.execution.sign;

import avs.execution.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import org.web3j.crypto.Hash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Web3 Secret Storage (keystore v3) decryption: scrypt or PBKDF2-HMAC-SHA256, the keccak MAC, AES-128-CTR. Errors say
 * what is wrong with the file or the password, never anything derived from either.
 */
public final class Keystore {
  private static final int MAX_SCRYPT_N = 1 << 21;

  private Keystore() {}

  /** The private key as 0x + 64 lower-case hex digits (the canonical form, which BLS derivation depends on). */
  public static String decrypt(String keystoreJson, String password) {
    JsonNode crypto;
    try {
      JsonNode file = Json.MAPPER.readTree(keystoreJson);
      if (file == null || file.path("version").asInt(0) != 3) {
        throw new IllegalArgumentException("not a version 3 keystore");
      }
      crypto = file.has("crypto") ? file.get("crypto") : file.get("Crypto");
      if (crypto == null) {
        throw new IllegalArgumentException("no crypto section");
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON");
    }
    byte[] derived = deriveKey(crypto, password.getBytes(StandardCharsets.UTF_8));
    byte[] ciphertext = hex(crypto, "ciphertext");
    byte[] macInput = new byte[16 + ciphertext.length];
    System.arraycopy(derived, 16, macInput, 0, 16);
    System.arraycopy(ciphertext, 0, macInput, 16, ciphertext.length);
    if (!MessageDigest.isEqual(Hash.sha3(macInput), hex(crypto, "mac"))) {
      throw new IllegalArgumentException("wrong password (the keystore's MAC does not match)");
    }
    if (!"aes-128-ctr".equals(crypto.path("cipher").asString(""))) {
      throw new IllegalArgumentException("cipher " + crypto.path("cipher") + " is not supported (only aes-128-ctr)");
    }
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOf(derived, 16), "AES"),
          new IvParameterSpec(hex(crypto.path("cipherparams"), "iv")));
      byte[] key = aes.doFinal(ciphertext);
      if (key.length != 32) {
        throw new IllegalArgumentException("the decrypted key is " + key.length + " bytes, not 32");
      }
      return Hex.encode(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR is unavailable: " + e.getMessage(), e);
    }
  }

  private static byte[] deriveKey(JsonNode crypto, byte[] password) {
    JsonNode params = crypto.path("kdfparams");
    int length = params.path("dklen").asInt(32);
    if (length < 32) {
      throw new IllegalArgumentException("kdfparams.dklen must be at least 32");
    }
    byte[] salt = hex(params, "salt");
    return switch (crypto.path("kdf").asString("")) {
      case "scrypt" -> {
        int n = params.path("n").asInt(0);
        if (n < 2 || n > MAX_SCRYPT_N || Integer.bitCount(n) != 1) {
          throw new IllegalArgumentException("kdfparams.n must be a power of two up to " + MAX_SCRYPT_N);
        }
        yield SCrypt.generate(password, salt, n, params.path("r").asInt(8), params.path("p").asInt(1), length);
      }
      case "pbkdf2" -> {
        if (!"hmac-sha256".equals(params.path("prf").asString("hmac-sha256"))) {
          throw new IllegalArgumentException("only pbkdf2 with hmac-sha256 is supported");
        }
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, params.path("c").asInt(0));
        yield ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
      }
      default -> throw new IllegalArgumentException("kdf " + crypto.path("kdf") + " is not supported (scrypt or pbkdf2)");
    };
  }

  private static byte[] hex(JsonNode node, String field) {
    String text = node.path(field).asString("");
    try {
      return Hex.decode(text.startsWith("0x") ? text : "0x" + text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not hex");
    }
  }
}
