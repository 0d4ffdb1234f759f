package cn.qdaipark.scenariohub.auth;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client address that attempts are counted against: the peer's IPv4 address, or the /64 network of an IPv6
 * peer, since one subscriber is handed a whole /64 and could otherwise step to a fresh address for every attempt.
 */
public final class ClientAddress {
  private ClientAddress() {
  }

  public static String of(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    return peer == null || peer.hostAddress() == null ? "unknown" : network(peer.hostAddress());
  }

  static String network(String literal) {
    if (!literal.contains(":")) {
      return literal;
    }
    try {
      // a literal, never a name: no lookup happens
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (!(InetAddress.getByAddress(bytes) instanceof Inet6Address)) {
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException e) {
      return literal;
    }
  }
}
