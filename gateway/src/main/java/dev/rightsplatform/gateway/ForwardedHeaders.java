package dev.rightsplatform.gateway;

import java.util.Locale;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the service behind where the caller came in: {@code X-Forwarded-Proto}, {@code -Host} (with the port unless it
 * is the scheme's default), {@code -Port} and {@code -For}, from the gateway's own view of the request, on every routed
 * call. The portal builds its OAuth2 redirect URI and its links from them.
 *
 * <p>Whatever a caller sent under those names, {@code X-Forwarded-Prefix}, {@code X-Forwarded-Ssl} or
 * {@code Forwarded} is dropped first: the gateway is the public entry, so a caller could otherwise make the portal
 * build its redirect URI on a host of the caller's choosing. (Spring Cloud Gateway's own {@code XForwardedHeadersFilter}
 * only writes when {@code trusted-proxies} is set, and then keeps or appends to what the caller sent.) Behind proxies
 * of its own, the gateway's view is theirs once {@code server.forward-headers-strategy} is set for them.
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";
    static final String PORT = "X-Forwarded-Port";
    static final String FOR = "X-Forwarded-For";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        var request = exchange.getRequest();
        var uri = request.getURI();
        var updated = new HttpHeaders();
        for (var header : input.headerSet()) {
            var name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-forwarded-") && !name.equals("forwarded")) {
                updated.addAll(header.getKey(), header.getValue());
            }
        }
        var scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        var defaultPort = "https".equals(scheme) ? 443 : 80;
        var port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        updated.set(PROTO, scheme);
        updated.set(PORT, String.valueOf(port));
        if (uri.getHost() != null) {
            updated.set(HOST, port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port);
        }
        var remote = request.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            updated.set(FOR, remote.getAddress().getHostAddress());
        }
        return updated;
    }

    /** After Spring Cloud Gateway's own header filters, which remove every {@code X-Forwarded-*} (order 0). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
