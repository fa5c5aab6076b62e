package dev.rightsplatform.worker.connector.http;

import dev.rightsplatform.worker.connector.CallbackProperties;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorType;
import dev.rightsplatform.worker.connector.ServedRequests;
import dev.rightsplatform.worker.connector.SystemDefinition;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Type {@code http}: a system reached through a signed webhook; needs {@code url} and {@code secret}, and the URL of
 * each further action rights-service will send it (precheck-url, collect-url, withdraw-url).
 */
@Component
class HttpConnectorType implements ConnectorType {

    private final JsonMapper json;

    private final Clock clock;

    private final CallbackProperties callbacks;

    private final PartUploader uploader;

    HttpConnectorType(JsonMapper json, Clock clock, CallbackProperties callbacks, PartUploader uploader) {
        this.json = json;
        this.clock = clock;
        this.callbacks = callbacks;
        this.uploader = uploader;
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
        ServedRequests served = system.served();
        URI collectUrl = checkedUrl(system, "collect-url", settings.collectUrl());
        if (served.collects() && collectUrl == null) {
            throw system.invalid("collect-url", "is required because " + served.collectReason());
        }
        if (collectUrl != null) {
            this.uploader.requireCredentials(system.key("collect-url"));
        }
        URI withdrawUrl = checkedUrl(system, "withdraw-url", settings.withdrawUrl());
        if (served.withdraws() && withdrawUrl == null) {
            throw system.invalid("withdraw-url", "is required because " + served.withdrawReason());
        }
        String secret = settings.secret();
        if (secret == null || secret.isBlank()) {
            throw system.invalid(
                    "secret",
                    "is required for a system of type http (the HMAC key shared with the"
                            + " system; pass it through the environment, never in a file)");
        }
        WebhookSigner signer = new WebhookSigner(secret);
        SignedRequests requests = new SignedRequests(signer, this.json, this.clock);
        HttpAnswers answers = new HttpAnswers(system.id(), this.json);
        Duration timeout = system.settings().timeout();
        HttpCollector collector = (collectUrl != null)
                ? new HttpCollector(system.id(), collectUrl, requests, this.uploader, timeout)
                : null;
        return new HttpWebhookConnector(
                system.id(),
                new HttpEndpoints(url, precheckUrl, collectUrl, withdrawUrl),
                requests,
                timeout,
                answers,
                new HttpCallbackReader(system.id(), signer, this.callbacks.maxAge(), this.clock, answers),
                collector);
    }

    private static @Nullable URI checkedUrl(SystemDefinition system, String name, @Nullable URI url) {
        if (url != null
                && (!url.isAbsolute()
                        || url.getHost() == null
                        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())))) {
            throw system.invalid(name, "must be an absolute http or https URL, not " + url);
        }
        return url;
    }
}
