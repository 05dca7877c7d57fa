package avs.execution.task.pipeline;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses requests to addresses a task file should not reach unless it says so ({@code allowPrivateNetwork: true}):
 * loopback, private (RFC 1918, IPv6 unique local), link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * "this network" and multicast. A host name is resolved and every address it has is checked, so a public name
 * pointing at 127.0.0.1 is refused too; redirects are never followed, so a public source cannot send us inside.
 * (A name that changes its answer between this check and the connection is not caught: keep sources to hosts you
 * trust, or the name pinned in /etc/hosts.)
 */
final class NetworkGuard {
  private NetworkGuard() {}

  /** @throws StepFailure naming the address and the setting when the URL's host is not public */
  static void check(URI url, boolean allowPrivateNetwork) {
    if (allowPrivateNetwork) {
      return;
    }
    String host = url.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw new StepFailure("cannot resolve the host " + host, true);
    }
    for (InetAddress address : addresses) {
      String why = notPublic(address);
      if (why != null) {
        throw new StepFailure("refused to fetch " + url.getScheme() + "://" + host + "/…: " + host + " is " + address.getHostAddress()
            + ", a " + why + " address; a task reaches those only with allowPrivateNetwork: true");
      }
    }
  }

  /** Why an address is not public ("loopback", "private", …), or null when it is. */
  static String notPublic(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "wildcard";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if (address.isSiteLocalAddress()) {
      return "private";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return "\"this network\"";
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return "carrier-grade NAT";
      }
      if (first == 198 && (second == 18 || second == 19)) {
        return "benchmarking";
      }
    } else if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "private (unique local)";
      }
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return notPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return "malformed";
        }
      }
    }
    return null;
  }
}
