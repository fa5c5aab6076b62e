package dev.rightsplatform.worker.connector.opendsr;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorType;
import dev.rightsplatform.worker.connector.SystemDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Type {@code opendsr}: a vendor that speaks OpenDSR 2.0; needs base-url, api-key and callback-base-url, and may name
 * certificate-url (where the signing certificate is, when not on base-url's host as discovery would name it).
 */
@Component
class OpenDsrConnectorType implements ConnectorType {

    static final Set<String> REGULATIONS = Set.of("gdpr", "ccpa", "pipl", "lgpd", "uk-gdpr");

    /** OpenDSR puts the major version at the end of the base path (.../v2). */
    private static final Pattern VERSION_PATH = Pattern.compile(".*/v\\d+/?$");

    private final JsonMapper json;

    OpenDsrConnectorType(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "opendsr";
    }

    @Override
    public Connector create(SystemDefinition system) {
        OpenDsrSettings settings = system.bind(OpenDsrSettings.class);
        URI base = absolute(system, "base-url", settings.baseUrl());
        if (base.getPath() == null || !VERSION_PATH.matcher(base.getPath()).matches()) {
            throw system.invalid("base-url", "must end in the API's version path, e.g. https://host/opendsr/v2");
        }
        URI callbackBase = absolute(system, "callback-base-url", settings.callbackBaseUrl());
        String apiKey = settings.apiKey();
        if (apiKey == null || apiKey.isBlank()) {
            throw system.invalid(
                    "api-key",
                    "is required for a system of type opendsr (the processor's bearer"
                            + " token; pass it through the environment)");
        }
        if (!REGULATIONS.contains(settings.regulation())) {
            throw system.invalid("regulation", "must be one of " + REGULATIONS);
        }
        Duration interval = settings.statusInterval();
        if (interval.toMillis() < 10 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw system.invalid("status-interval", "must be between 10ms and 1 day");
        }
        if (system.settings().precheck()) {
            throw system.invalid("precheck", "must be false: OpenDSR has no pre-check");
        }
        URI trimmedBase = URI.create(base.toString().replaceAll("/+$", ""));
        URI certificateUrl = settings.certificateUrl();
        if (certificateUrl != null) {
            absolute(system, "certificate-url", certificateUrl);
            if (!"https".equalsIgnoreCase(certificateUrl.getScheme())
                    && !OpenDsrClient.sameOrigin(certificateUrl, trimmedBase)) {
                // Over plain http anyone on the way could swap the certificate, and with it whose signatures count.
                throw system.invalid("certificate-url", "must be https, or on base-url's origin");
            }
            if (certificateUrl.getRawUserInfo() != null) {
                throw system.invalid("certificate-url", "must not carry credentials: the certificate is public");
            }
        }
        OpenDsrClient client = new OpenDsrClient(
                system.id(),
                trimmedBase,
                apiKey,
                certificateUrl,
                system.settings().timeout(),
                this.json);
        return new OpenDsrConnector(
                system.id(),
                client,
                settings.regulation(),
                CallbackUrls.of(callbackBase, system.id()),
                interval,
                this.json);
    }

    private static URI absolute(SystemDefinition system, String name, @Nullable URI url) {
        if (url == null) {
            throw system.invalid(name, "is required for a system of type opendsr");
        }
        if (!url.isAbsolute()
                || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw system.invalid(name, "must be an absolute http or https URL, not " + url);
        }
        return url;
    }
}
