package dev.rightsplatform.worker.connector.http;

import java.net.URI;
import java.time.Clock;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.connector.CallbackProperties;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorType;
import dev.rightsplatform.worker.connector.SystemDefinition;

/** Type {@code http}: a system reached through a signed webhook; needs {@code url} and {@code secret}. */
@Component
class HttpConnectorType implements ConnectorType {

    private final JsonMapper json;

    private final Clock clock;

    private final CallbackProperties callbacks;

    HttpConnectorType(JsonMapper json, Clock clock, CallbackProperties callbacks) {
        this.json = json;
        this.clock = clock;
        this.callbacks = callbacks;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Connector create(SystemDefinition system) {
        if ("opendsr".equals(system.id())) {
            // /callbacks/opendsr/... is where OpenDSR processors report; this system's callbacks would land there.
            throw system.invalid("type", "cannot be http for a system named opendsr; give it another id");
        }
        HttpSettings settings = system.bind(HttpSettings.class);
        URI url = checkedUrl(system, "url", settings.url());
        if (url == null) {
            throw system.invalid("url", "is required for a system of type http");
        }
        URI precheckUrl = checkedUrl(system, "precheck-url", settings.precheckUrl());
        if (system.settings().precheck() && precheckUrl == null) {
            throw system.invalid("precheck-url", "is required when precheck is true");
        }
        String secret = settings.secret();
        if (secret == null || secret.isBlank()) {
            throw system.invalid("secret", "is required for a system of type http (the HMAC key shared with the"
                    + " system; pass it through the environment, never in a file)");
        }
        WebhookSigner signer = new WebhookSigner(secret);
        HttpAnswers answers = new HttpAnswers(system.id(), this.json);
        return new HttpWebhookConnector(system.id(), url, precheckUrl, signer, system.settings().timeout(),
                this.json, this.clock, answers,
                new HttpCallbackReader(system.id(), signer, this.callbacks.maxAge(), this.clock, answers));
    }

    private static @Nullable URI checkedUrl(SystemDefinition system, String name, @Nullable URI url) {
        if (url != null && (!url.isAbsolute() || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())))) {
            throw system.invalid(name, "must be an absolute http or https URL, not " + url);
        }
        return url;
    }
}
