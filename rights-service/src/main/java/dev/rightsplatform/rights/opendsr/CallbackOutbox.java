package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.lifecycle.RequestObserver;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.outbox.Outbox;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owes a partner a status callback whenever its request's OpenDSR status changes: one message per callback URL in the
 * service's outbox (channel {@code opendsr-callback}), written in the transaction of the change, so a change is never
 * announced without happening nor happens without being announced. {@link CallbackSender} delivers them, one URL's
 * callbacks of one request in the order they were owed (their ordering key).
 */
@Component
class CallbackOutbox implements RequestObserver {

    private final PartnerRequests partners;
    private final StatusBodies bodies;
    private final Outbox outbox;
    private final JsonMapper json;

    CallbackOutbox(PartnerRequests partners, StatusBodies bodies, Outbox outbox, JsonMapper json) {
        this.partners = partners;
        this.bodies = bodies;
        this.outbox = outbox;
        this.json = json;
    }

    @Override
    public Mono<Void> changed(RightsRequest request) {
        return partners.lockByRequest(request.id())
                .filter(partner -> !partner.lastStatus()
                        .equals(OpenDsrStatus.of(request.status()).wire()))
                .flatMap(partner -> {
                    var status = OpenDsrStatus.of(request.status()).wire();
                    var urls = json.readValue(partner.callbackUrls(), String[].class);
                    return Flux.fromArray(urls)
                            .concatMap(url -> bodies.of(partner, request, url)
                                    .flatMap(body ->
                                            insert(partner.subjectRequestId(), url, json.writeValueAsBytes(body))))
                            .then(partners.announced(partner.subjectRequestId(), status));
                });
    }

    /** The body is stored as the exact bytes the signature will cover (sealed at rest, as every outbox payload). */
    private Mono<Void> insert(UUID subjectRequestId, String url, byte[] body) {
        return outbox.add(
                CallbackSender.CHANNEL,
                UUID.randomUUID(),
                url,
                subjectRequestId + " " + url,
                CallbackSender.MESSAGE_TYPE,
                body);
    }
}
