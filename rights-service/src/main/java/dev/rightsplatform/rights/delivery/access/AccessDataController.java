package dev.rightsplatform.rights.delivery.access;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.delivery.DeliveryProperties;
import dev.rightsplatform.rights.delivery.Handover;
import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/requests/{id}/data}: what every system holds about the person, grouped by system and data
 * category, for a completed access request, to its owner only, while it is kept
 * ({@code rights.delivery.access-retention}). Streamed from the encrypted store; every reading is audited.
 */
@RestController
class AccessDataController {

    private final OwnedRequests owned;
    private final Handover handover;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final DeliveryProperties properties;
    private final Clock clock;

    AccessDataController(
            OwnedRequests owned,
            Handover handover,
            AuditTrail audit,
            Pseudonyms pseudonyms,
            DeliveryProperties properties,
            Clock clock) {
        this.owned = owned;
        this.handover = handover;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/v1/requests/{id}/data")
    Mono<ResponseEntity<Flux<DataBuffer>>> data(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        var caller = Caller.from(token);
        return owned.find(caller, id)
                .flatMap(this::readable)
                .flatMap(request -> handover.systemsOf(id))
                .flatMap(systems -> audit.append(
                        id, pseudonyms.subject(caller.subjectId()), "data.viewed", Map.of("systems", systems)))
                .then(Mono.fromSupplier(() -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .body(handover.accessDocument(id))));
    }

    private Mono<RightsRequest> readable(RightsRequest request) {
        if (request.type() != RequestType.ACCESS) {
            return Mono.error(new ApiException(
                    ProblemType.REQUEST_NOT_FOUND,
                    "Only an access request has data to read here; an export is downloaded as an archive."));
        }
        if (request.status() != RequestStatus.COMPLETED) {
            return Mono.error(new ApiException(
                    ProblemType.DATA_NOT_READY,
                    "The systems have not all delivered your data yet (" + request.status() + ")."));
        }
        if (request.closedAt().plus(properties.accessRetention()).isBefore(clock.instant())) {
            return Mono.error(new ApiException(
                    ProblemType.DATA_EXPIRED,
                    "This data was deleted " + properties.accessRetention().toDays()
                            + " days after it was collected."));
        }
        return Mono.just(request);
    }
}
