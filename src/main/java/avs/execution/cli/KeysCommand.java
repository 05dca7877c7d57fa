package avs.execution.cli;

import avs.execution.config.Settings;
import avs.execution.devnet.Performers;
import avs.execution.sign.BlsSigner;
import avs.execution.sign.Secp256k1Key;
import avs.execution.sign.SignatureType;
import avs.execution.sign.bn254.Bn254;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What the configured keys are, as the network will see them, without printing any secret. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Show the configured performer: its address, the BLS public key in on-chain order, whether the key string is canonical.")
public final class KeysCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  ServiceOptions options = new ServiceOptions();

  public KeysCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Settings settings = options.load(context, Map.of());
    PrintStream out = context.out();
    if (settings.privateKey().isEmpty()) {
      context.err().println("error: PRIVATE_KEY_PERFORMER is not set (environment, .env file)");
      return 2;
    }
    String keyText = settings.privateKey().get().reveal();
    Secp256k1Key key;
    try {
      key = Secp256k1Key.parse(keyText, "PRIVATE_KEY_PERFORMER");
    } catch (IllegalArgumentException e) {
      context.err().println("error: " + e.getMessage());
      return 2;
    }
    boolean bls = settings.signatureType() == SignatureType.BLS;
    out.println("signature type:        " + settings.signatureType().wireName());
    out.println("performer address:     " + (bls ? settings.performerAddress().orElse("(PERFORMER_ADDRESS not set)") : key.address()));
    out.println("ECDSA address of key:  " + key.address());
    Bn254.G2Point pk = BlsSigner.fromKeyText(keyText, key.address()).publicKey();
    out.println("BLS public key (G2, on-chain order x.re, x.im, y.re, y.im):");
    for (var coordinate : new java.math.BigInteger[] {pk.xRe(), pk.xIm(), pk.yRe(), pk.yIm()}) {
      out.println("  " + BlsSigner.hex32(coordinate));
    }
    boolean canonical = BlsSigner.isCanonical(keyText);
    out.println("key string canonical:  " + (canonical ? "yes (0x + lower-case hex)"
        : "NO: the BLS key is derived from the text as written, so this spelling gives a different BLS key than 0x + lower case"));
    String performer = bls ? settings.performerAddress().orElse(key.address()) : key.address();
    out.println("register with a devnet: avs devnet --performer "
        + Performers.spec(performer, bls ? java.util.Optional.of(pk) : java.util.Optional.empty()));
    out.flush();
    return 0;
  }
}
