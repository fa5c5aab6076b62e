package dev.rightsplatform.rights.opendsr;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Guards status callbacks against server-side request forgery: a partner names the URLs, so they could point at
 * the platform's own network. A target must be https, and every address its host resolves to must be public
 * ({@link PublicAddresses}). Checked when the request is created; at each call the sender's only resolver
 * ({@link #resolver()}) checks again and connects to the address it checked, so DNS cannot answer one thing to the
 * check and another to the connection. Redirects are never followed by the sender.
 * <p>
 * Plain http and private addresses serve local development and tests only: their switches take effect only under the
 * {@code dev} profile — elsewhere the service refuses to start with them on — and a warning says so at start-up.
 */
@Component
class CallbackTargets {

    private static final Logger log = LoggerFactory.getLogger(CallbackTargets.class);
    static final String DEVELOPMENT_PROFILE = "dev";

    private final boolean allowHttp;
    private final PinnedAddressResolver resolver;

    @Autowired
    CallbackTargets(OpenDsrProperties properties, Environment environment) {
        this(properties.callbacks(), environment.matchesProfiles(DEVELOPMENT_PROFILE), InetAddress::getAllByName);
    }

    CallbackTargets(OpenDsrProperties.Callbacks settings, boolean development, PinnedAddressResolver.Lookup lookup) {
        if ((settings.allowHttp() || settings.allowPrivateAddresses()) && !development) {
            throw new IllegalStateException(
                    "rights.opendsr.callbacks.allow-http and allow-private-addresses are for local"
                            + " development only: they take effect only with the '" + DEVELOPMENT_PROFILE
                            + "' profile active;"
                            + " turn them off or run with that profile");
        }
        if (settings.allowHttp() || settings.allowPrivateAddresses()) {
            log.warn(
                    "DEVELOPMENT ONLY: partner status callbacks may go to {}{}",
                    settings.allowHttp() ? "plain http " : "",
                    settings.allowPrivateAddresses() ? "loopback, private and link-local addresses" : "");
        }
        this.allowHttp = settings.allowHttp();
        this.resolver = new PinnedAddressResolver(lookup, settings.allowPrivateAddresses());
    }

    /** The resolver the sender's HTTP client must use: it connects only to checked addresses. */
    PinnedAddressResolver resolver() {
        return resolver;
    }

    /** Null when the URL may be called, else why not (names no address). Blocks on DNS: call off the event loop. */
    @Nullable
    String refusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            return allowHttp ? "only http and https callbacks are allowed" : "callbacks must use https";
        }
        if (url.getHost() == null || url.getUserInfo() != null) {
            return "the callback URL must name a host and no credentials";
        }
        try {
            resolver.checked(url.getHost());
            return null;
        } catch (PinnedAddressResolver.RefusedAddressException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            return "the callback host does not resolve";
        }
    }
}
