package dev.rightsplatform.worker.connector.http;

import java.net.URI;
import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorType;
import dev.rightsplatform.worker.connector.SystemSettings;
import dev.rightsplatform.worker.settings.InvalidSettingException;

/** Type {@code http}: a system reached through a signed webhook; needs {@code url} and {@code secret}. */
@Component
class HttpConnectorType implements ConnectorType {

    private final JsonMapper json;

    private final Clock clock;

    HttpConnectorType(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Connector create(String systemId, SystemSettings settings) {
        String prefix = "worker.systems." + systemId + ".";
        URI url = settings.url();
        if (url == null) {
            throw new InvalidSettingException(prefix + "url", "is required for a system of type http");
        }
        if (!url.isAbsolute() || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new InvalidSettingException(prefix + "url", "must be an absolute http or https URL, not " + url);
        }
        String secret = settings.secret();
        if (secret == null || secret.isBlank()) {
            throw new InvalidSettingException(prefix + "secret",
                    "is required for a system of type http (the HMAC key shared with the system; pass it through"
                            + " the environment, never in a file)");
        }
        return new HttpWebhookConnector(systemId, url, new WebhookSigner(secret), settings.timeout(), this.json,
                this.clock);
    }
}
