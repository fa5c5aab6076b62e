package dev.rightsplatform.rights.opendsr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a partner's callback may reach: only globally routable unicast ones. Refused are loopback, private
 * (RFC 1918, fc00::/7), link-local (cloud metadata at 169.254.169.254 among them), carrier-grade NAT, multicast,
 * unspecified, documentation, benchmarking and reserved ranges — and every IPv6 form that can carry an IPv4 address
 * of any kind (IPv4-mapped and IPv4-compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo
 * 2001::/32), since the network may translate them to an address that is not public.
 */
final class PublicAddresses {

    private PublicAddresses() {}

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        return address instanceof Inet6Address && isPublicIpv6(bytes);
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        var a = bytes[0] & 0xff;
        var b = bytes[1] & 0xff;
        var c = bytes[2] & 0xff;
        return a != 0 // "this network"
                && a != 10
                && a != 127 // private, loopback
                && !(a == 100 && b >= 64 && b < 128) // carrier-grade NAT 100.64/10
                && !(a == 169 && b == 254) // link-local, cloud metadata
                && !(a == 172 && b >= 16 && b < 32) // private
                && !(a == 192 && b == 0 && (c == 0 || c == 2)) // IETF assignments, TEST-NET-1
                && !(a == 192 && b == 88 && c == 99) // 6to4 relay anycast
                && !(a == 192 && b == 168) // private
                && !(a == 198 && (b == 18 || b == 19)) // benchmarking
                && !(a == 198 && b == 51 && c == 100) // TEST-NET-2
                && !(a == 203 && b == 0 && c == 113) // TEST-NET-3
                && a < 224; // multicast, reserved, broadcast
    }

    private static boolean isPublicIpv6(byte[] bytes) {
        var first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        var second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if ((bytes[0] & 0xfe) == 0xfc // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
                || first == 0x2002 // 6to4
                || (first == 0x2001 && second == 0) // Teredo 2001::/32
                || (first == 0x2001 && second == 0x0db8) // documentation
                || (first == 0x2001 && (second & 0xfff0) == 0x0010) // ORCHIDv2 and friends 2001:10::/28
                || (first == 0x0064 && second == 0xff9b) // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
                || (first == 0x0100 && second == 0)) { // discard-only 100::/64
            return false;
        }
        // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and everything else under ::/80
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return (first & 0xe000) == 0x2000; // global unicast is 2000::/3; nothing else is routable
            }
        }
        return false;
    }
}
