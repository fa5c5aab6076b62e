package dev.rightsplatform.rights.delivery.access;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.delivery.DeliveryProperties;
import dev.rightsplatform.rights.delivery.Handover;
import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Exports, to their owner only. {@code POST /api/v1/requests/{id}/export-link} issues a link that works for
 * {@code rights.delivery.link-ttl}; {@code GET /api/v1/exports/{token}} downloads the archive with it, with the
 * owner's token too (a leaked link alone opens nothing). Expired links and deleted archives answer 410; anyone
 * else's request or link answers 404. Every issued link and every download is audited.
 */
@RestController
class ExportController {

    private final OwnedRequests owned;
    private final Handover handover;
    private final ExportLinks links;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final DeliveryProperties properties;
    private final Clock clock;

    ExportController(
            OwnedRequests owned,
            Handover handover,
            ExportLinks links,
            AuditTrail audit,
            Pseudonyms pseudonyms,
            DeliveryProperties properties,
            Clock clock) {
        this.owned = owned;
        this.handover = handover;
        this.links = links;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/v1/requests/{id}/export-link")
    Mono<ResponseEntity<LinkView>> issueLink(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        var caller = Caller.from(token);
        return owned.find(caller, id)
                .flatMap(request -> {
                    if (request.type() != RequestType.EXPORT) {
                        return Mono.error(
                                new ApiException(ProblemType.REQUEST_NOT_FOUND, "This request is not an export."));
                    }
                    if (request.status() != RequestStatus.COMPLETED) {
                        return Mono.error(new ApiException(
                                ProblemType.DATA_NOT_READY,
                                "The archive is not built yet (" + request.status() + ")."));
                    }
                    return handover.readyArchive(id);
                })
                .flatMap(archive -> {
                    var now = clock.instant();
                    var linkExpiry = min(now.plus(properties.linkTtl()), archive.expiresAt());
                    return links.issue(id, caller.subjectId(), now, linkExpiry)
                            .flatMap(secret -> audit.append(
                                            id,
                                            pseudonyms.subject(caller.subjectId()),
                                            "export.link-issued",
                                            Map.of("expiresAt", linkExpiry.toString()))
                                    .thenReturn(ResponseEntity.status(HttpStatus.CREATED)
                                            .cacheControl(CacheControl.noStore())
                                            .body(new LinkView(
                                                    "/api/v1/exports/" + secret,
                                                    linkExpiry,
                                                    archive.size(),
                                                    archive.sha256(),
                                                    archive.expiresAt()))));
                });
    }

    @GetMapping("/api/v1/exports/{token}")
    Mono<ResponseEntity<Flux<DataBuffer>>> download(@AuthenticationPrincipal Jwt jwt, @PathVariable String token) {
        var caller = Caller.from(jwt);
        return links.find(token)
                .filter(link -> link.subjectId().equals(caller.subjectId()))
                .switchIfEmpty(
                        Mono.error(new ApiException(ProblemType.LINK_NOT_FOUND, "No such download link is yours.")))
                .flatMap(link -> {
                    var now = clock.instant();
                    if (link.expiresAt().isBefore(now)) {
                        return Mono.error(new ApiException(
                                ProblemType.LINK_EXPIRED, "This link has expired; ask for a new one."));
                    }
                    return handover.readyArchive(link.requestId());
                })
                .flatMap(archive -> audit.append(
                                archive.requestId(),
                                pseudonyms.subject(caller.subjectId()),
                                "export.downloaded",
                                Map.of("bytes", archive.size(), "sha256", archive.sha256()))
                        .thenReturn(archive))
                .map(archive -> {
                    Flux<DataBuffer> body = handover.archiveBytes(archive);
                    return ResponseEntity.ok()
                            .contentType(MediaType.parseMediaType("application/zip"))
                            .contentLength(archive.size())
                            .header("X-Archive-SHA256", archive.sha256())
                            .cacheControl(CacheControl.noStore())
                            .header(
                                    "Content-Disposition",
                                    ContentDisposition.attachment()
                                            .filename("export-" + archive.requestId() + ".zip")
                                            .build()
                                            .toString())
                            .body(body);
                });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A download link: {@code href} works until {@code expiresAt}; size and sha256 are the zip's. */
    record LinkView(String href, Instant expiresAt, Long size, String sha256, Instant archiveExpiresAt) {}
}
