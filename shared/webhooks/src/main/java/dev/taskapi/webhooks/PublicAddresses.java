package dev.taskapi.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may reach: public unicast only. IPv4 by a list of the special-purpose ranges (RFC 6890
 * and its successors); IPv6 by allowing only global unicast ({@code 2000::/3}) and refusing inside it the ranges that
 * lead elsewhere. So every IPv6 form that embeds an IPv4 address ({@code ::ffff:a.b.c.d} mapped, {@code ::a.b.c.d}
 * compatible, NAT64's {@code 64:ff9b::/96}) lies outside the allowed range and is refused, whatever it embeds,
 * except 6to4, whose embedded address is checked as an IPv4 one.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  /** Whether {@code address} is public: not loopback, private, link-local, metadata, multicast or reserved. */
  public static boolean isPublic(InetAddress address) {
    return switch (address) {
      case Inet4Address v4 -> isPublicV4(v4.getAddress());
      case Inet6Address v6 -> isPublicV6(v6.getAddress());
      default -> false;
    };
  }

  /** Whether {@code address} is loopback: {@code 127.0.0.0/8} or {@code ::1} (the local stack's receivers). */
  public static boolean isLoopback(InetAddress address) {
    return address.isLoopbackAddress();
  }

  private static boolean isPublicV4(byte[] a) {
    int b0 = a[0] & 0xFF;
    int b1 = a[1] & 0xFF;
    int b2 = a[2] & 0xFF;
    return !(b0 == 0 // "this network", 0.0.0.0
        || b0 == 10 // private
        || (b0 == 100 && (b1 & 0xC0) == 64) // 100.64.0.0/10, carrier-grade NAT
        || b0 == 127 // loopback
        || (b0 == 169 && b1 == 254) // link-local, with the instance metadata service 169.254.169.254
        || (b0 == 172 && (b1 & 0xF0) == 16) // private 172.16.0.0/12
        || (b0 == 192 && b1 == 0 && b2 == 0) // IETF protocol assignments (192.0.0.0/24)
        || (b0 == 192 && b1 == 0 && b2 == 2) // documentation TEST-NET-1
        || (b0 == 192 && b1 == 168) // private
        || (b0 == 198 && (b1 & 0xFE) == 18) // benchmarking 198.18.0.0/15
        || (b0 == 198 && b1 == 51 && b2 == 100) // TEST-NET-2
        || (b0 == 203 && b1 == 0 && b2 == 113) // TEST-NET-3
        || b0 >= 224); // multicast 224/4, reserved 240/4 and broadcast
  }

  private static boolean isPublicV6(byte[] a) {
    if ((a[0] & 0xE0) != 0x20) {
      // Outside 2000::/3: loopback, unspecified, IPv4-mapped and -compatible, NAT64, unique-local fc00::/7,
      // link-local fe80::/10, site-local, multicast ff00::/8.
      return false;
    }
    int first = ((a[0] & 0xFF) << 8) | (a[1] & 0xFF);
    int second = ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
    if (first == 0x2001 && (second == 0x0db8 || second == 0x0000)) {
      return false; // documentation 2001:db8::/32; Teredo 2001::/32, which tunnels to an address it hides
    }
    if (first == 0x2002) {
      return isPublicV4(new byte[] {a[2], a[3], a[4], a[5]}); // 6to4 carries an IPv4 address
    }
    return true;
  }
}
