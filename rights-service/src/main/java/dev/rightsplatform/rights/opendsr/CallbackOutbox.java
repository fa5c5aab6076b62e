package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.lifecycle.RequestObserver;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import java.time.Clock;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owes a partner a status callback whenever its request's OpenDSR status changes: one row per callback URL in
 * {@code opendsr_callback}, written in the transaction of the change, so a change is never announced without
 * happening nor happens without being announced. {@link CallbackSender} delivers them.
 */
@Component
class CallbackOutbox implements RequestObserver {

    private final PartnerRequests partners;
    private final StatusBodies bodies;
    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    CallbackOutbox(PartnerRequests partners, StatusBodies bodies, DatabaseClient db, JsonMapper json, Clock clock) {
        this.partners = partners;
        this.bodies = bodies;
        this.db = db;
        this.json = json;
        this.clock = clock;
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
                                    .flatMap(body -> insert(
                                            partner.subjectRequestId(), url, json.writeValueAsBytes(body), status)))
                            .then(partners.announced(partner.subjectRequestId(), status));
                });
    }

    private Mono<Void> insert(UUID subjectRequestId, String url, byte[] body, String status) {
        var now = clock.instant();
        return db.sql("""
                        insert into opendsr_callback (id, subject_request_id, url, body, request_status, created_at, status,
                            next_attempt_at)
                        values (:id, :subjectRequestId, :url, :body, :status, :now, 'PENDING', :now)""")
                .bind("id", UUID.randomUUID())
                .bind("subjectRequestId", subjectRequestId)
                .bind("url", url)
                .bind("body", body)
                .bind("status", status)
                .bind("now", now)
                .then();
    }
}
