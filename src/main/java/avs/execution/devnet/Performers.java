package avs.execution.devnet;

import avs.execution.sign.BlsSigner;
import avs.execution.sign.bn254.Bn254;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The performers the stand-in network knows, as Othentic knows them from operator registration: an address (the
 * ECDSA identity) and, for BLS, the public key {@code avs keys} prints. Written {@code 0xADDRESS} or
 * {@code 0xADDRESS:0xX_RE,0xX_IM,0xY_RE,0xY_IM}, on the command line or one per line in a file.
 */
public final class Performers {
  private final Map<String, Optional<Bn254.G2Point>> known = new ConcurrentHashMap<>();

  public void register(String address, Optional<Bn254.G2Point> blsKey) {
    known.merge(address.toLowerCase(Locale.ROOT), blsKey, (old, added) -> added.isPresent() ? added : old);
  }

  public boolean isRegistered(String address) {
    return known.containsKey(address.toLowerCase(Locale.ROOT));
  }

  public Optional<Bn254.G2Point> blsKey(String address) {
    return known.getOrDefault(address.toLowerCase(Locale.ROOT), Optional.empty());
  }

  public int size() {
    return known.size();
  }

  /** Registers an ECDSA performer by its address. */
  public void registerAddress(String address) {
    register(address, Optional.empty());
  }

  /** Registers one performer written as above; an IllegalArgumentException naming what is wrong otherwise. */
  public void register(String spec) {
    String[] parts = spec.strip().split(":", 2);
    if (!parts[0].matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("performer \"" + spec.strip() + "\": the address must be 0x + 40 hex digits");
    }
    register(parts[0], parts.length == 1 ? Optional.empty() : Optional.of(blsKey(spec, parts[1])));
  }

  /** Registers every performer in a file: one per line, blank lines and lines starting with # ignored. */
  public void registerFile(Path file) {
    try {
      int line = 0;
      for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        line++;
        if (!text.isBlank() && !text.strip().startsWith("#")) {
          try {
            register(text);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the performers file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The text {@link #register(String)} reads back: what an operator hands the devnet to be known. */
  public static String spec(String address, Optional<Bn254.G2Point> blsKey) {
    return blsKey.map(k -> address + ":" + BlsSigner.hex32(k.xRe()) + "," + BlsSigner.hex32(k.xIm()) + ","
        + BlsSigner.hex32(k.yRe()) + "," + BlsSigner.hex32(k.yIm())).orElse(address);
  }

  private static Bn254.G2Point blsKey(String spec, String coordinates) {
    String[] values = coordinates.split(",");
    if (values.length != 4) {
      throw new IllegalArgumentException("performer \"" + spec.strip() + "\": a BLS key is four 0x-hex numbers x.re,x.im,y.re,y.im");
    }
    BigInteger[] c = new BigInteger[4];
    for (int i = 0; i < 4; i++) {
      String v = values[i].strip();
      if (!v.matches("0x[0-9a-fA-F]{1,64}")) {
        throw new IllegalArgumentException("performer \"" + spec.strip() + "\": BLS key coordinate " + (i + 1) + " is not 0x-hex");
      }
      c[i] = new BigInteger(v.substring(2), 16);
    }
    Bn254.G2Point key = new Bn254.G2Point(c[0], c[1], c[2], c[3]);
    if (!Bn254.isPublicKey(key)) {
      throw new IllegalArgumentException("performer \"" + spec.strip() + "\": the BLS key is not a point of G2 (check the order x.re,x.im,y.re,y.im)");
    }
    return key;
  }
}
