package dev.rightsplatform.rights.opendsr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Guards status callbacks against server-side request forgery: a partner names the URLs, so they could point at
 * the platform's own network. A target must be https (http only where the operator allows it, for local use), and
 * every address its host resolves to must be public: never loopback, private (RFC 1918, fc00::/7), link-local
 * (including cloud metadata at 169.254.169.254), carrier-grade NAT, multicast or unspecified, unless the operator
 * allows private addresses (local development and tests). Checked when the request is created and again before
 * each call, as DNS answers can change. Redirects are never followed by the sender.
 */
@Component
class CallbackTargets {

    private final OpenDsrProperties.Callbacks settings;

    CallbackTargets(OpenDsrProperties properties) {
        this.settings = properties.callbacks();
    }

    /** Null when the URL may be called, else why not (names no address). Blocks on DNS: call off the event loop. */
    String refusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            return settings.allowHttp() ? "only http and https callbacks are allowed" : "callbacks must use https";
        }
        if (url.getHost() == null || url.getUserInfo() != null) {
            return "the callback URL must name a host and no credentials";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return "the callback host does not resolve";
        }
        if (settings.allowPrivateAddresses()) {
            return null;
        }
        for (var address : addresses) {
            if (!isPublic(address)) {
                return "the callback host resolves to a loopback, private or link-local address";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            if (isIpv4Mapped(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        var first = bytes[0] & 0xff;
        var second = bytes[1] & 0xff;
        return first != 0                                    // "this network"
                && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                && first < 224;                             // multicast and reserved
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
