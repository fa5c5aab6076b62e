package dev.rightsplatform.notification.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the privacy portal is, for the links in every mail: {@code <base>/requests/<requestId>} (a signed-in person's
 * request), {@code <base>/without-account/<requestId>} (a request made without an account) and
 * {@code <base>/receipts/<token>} (a signed receipt). Start-up fails, naming the setting, unless it is an absolute
 * http or https URL with a host and nothing after its path.
 *
 * @param portalBaseUrl {@code notification.portal-base-url}, e.g. {@code https://privacy.example.com}; a trailing
 *     slash is dropped
 */
@ConfigurationProperties("notification")
public record PortalSettings(@Nullable String portalBaseUrl) {

    private static final String SETTING = "notification.portal-base-url";

    public PortalSettings {
        portalBaseUrl = checked(portalBaseUrl);
    }

    /** The portal's base URL, without a trailing slash. */
    public String baseUrl() {
        return portalBaseUrl == null ? "" : portalBaseUrl;
    }

    private static String checked(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    SETTING + " is required: the privacy portal's URL, e.g. " + "https://privacy.example.com");
        }
        String base = value.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException(SETTING + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    SETTING + " must be an absolute http or https URL with a host and no user, query or fragment");
        }
        return base;
    }
}
