package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.delivery.Handover;
import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.partner.PartnerLinks;
import dev.rightsplatform.rights.web.ApiException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The OpenDSR 2.0 processor endpoints (summarised in rights-service/README.md, "Partner API"). The
 * partner is the token's client ({@code azp}); it sees and cancels only its own requests — anyone else's answers
 * 404 as if it did not exist. Every answer of create, status and cancel is signed, errors included.
 */
@RestController
@RequestMapping("/opendsr/v2")
class OpenDsrController {

    private final PartnerIntake intake;
    private final PartnerRequests partners;
    private final RequestStore requests;
    private final StatusBodies statuses;
    private final SignedResponses signed;
    private final ProcessorKey key;
    private final Handover handover;
    private final AuditTrail audit;
    private final OpenDsrProperties properties;
    private final PartnerLinks links;
    private final Clock clock;

    OpenDsrController(
            PartnerIntake intake,
            PartnerRequests partners,
            RequestStore requests,
            StatusBodies statuses,
            SignedResponses signed,
            ProcessorKey key,
            Handover handover,
            AuditTrail audit,
            OpenDsrProperties properties,
            PartnerLinks links,
            Clock clock) {
        this.handover = handover;
        this.links = links;
        this.audit = audit;
        this.intake = intake;
        this.partners = partners;
        this.requests = requests;
        this.statuses = statuses;
        this.signed = signed;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/discovery")
    Map<String, Object> discovery() {
        var body = new LinkedHashMap<String, Object>();
        body.put("api_version", StatusBodies.API_VERSION);
        body.put(
                "supported_identities",
                List.of(
                        Map.of("identity_type", "controller_customer_id", "identity_format", "raw"),
                        Map.of("identity_type", "email", "identity_format", "raw"),
                        Map.of("identity_type", "email", "identity_format", "sha256")));
        body.put("supported_subject_request_types", List.of("access", "portability", "erasure"));
        body.put("supported_regulations", new TreeSet<>(properties.regulations().keySet()));
        body.put("processor_certificate", properties.publicBaseUrl() + "/opendsr/v2/processor-certificate");
        return body;
    }

    @GetMapping(path = "/processor-certificate", produces = "application/x-pem-file")
    String certificate() {
        return key.certificatePem();
    }

    @PostMapping(path = "/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> create(
            @AuthenticationPrincipal Jwt token, @RequestBody(required = false) @Nullable byte[] body) {
        return intake.create(controllerOf(token), body == null ? new byte[0] : body)
                .map(answer -> signed.answer(HttpStatus.CREATED, answer))
                .onErrorResume(OpenDsrError.class, error -> Mono.just(signed.error(error)));
    }

    @GetMapping(path = "/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> status(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return own(token, id)
                .flatMap(partner ->
                        requests.find(partner.requestId()).flatMap(request -> statuses.of(partner, request, null)))
                .map(body -> signed.answer(HttpStatus.OK, signed.bytes(body)))
                .onErrorResume(OpenDsrError.class, error -> Mono.just(signed.error(error)));
    }

    @DeleteMapping(path = "/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> cancel(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return own(token, id)
                .flatMap(partner -> intake.cancel(partner))
                .map(partner -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("controller_id", partner.controllerId());
                    body.put("received_time", StatusBodies.time(clock.instant()));
                    body.put("subject_request_id", partner.subjectRequestId().toString());
                    return signed.answer(HttpStatus.ACCEPTED, signed.bytes(body));
                })
                .onErrorResume(OpenDsrError.class, error -> Mono.just(signed.error(error)));
    }

    /**
     * (ours) {@code results_url}: what an access request collected (the same JSON document the person reads), or a
     * portability request's archive (zip), to the partner that submitted it, once completed; audited.
     */
    @GetMapping("/requests/{id}/results")
    Mono<ResponseEntity<Flux<DataBuffer>>> results(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return own(token, id)
                .flatMap(partner -> requests.find(partner.requestId())
                        .filterWhen(request -> links.covers(
                                partner.controllerId(), request.subject().id(), request.type()))
                        .switchIfEmpty(Mono.error(OpenDsrError::notFound)) // the person revoked the link: gone for it
                        .filter(request ->
                                request.status() == RequestStatus.COMPLETED && !"erasure".equals(partner.requestType()))
                        .switchIfEmpty(Mono.error(OpenDsrError.conflict(
                                "no_results", "Results exist only for a completed access or portability request.")))
                        .flatMap(request -> audit.append(
                                request.id(),
                                "partner:" + partner.controllerId(),
                                "data.read-by-partner",
                                Map.of(
                                        "subjectRequestId",
                                        partner.subjectRequestId().toString())))
                        .then(Mono.defer(() -> "access".equals(partner.requestType())
                                ? Mono.just(ResponseEntity.ok()
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .cacheControl(CacheControl.noStore())
                                        .body(handover.accessDocument(partner.requestId())))
                                : handover.readyArchive(partner.requestId())
                                        .map(archive -> ResponseEntity.ok()
                                                .contentType(MediaType.parseMediaType("application/zip"))
                                                .contentLength(archive.size())
                                                .header("X-Archive-SHA256", archive.sha256())
                                                .cacheControl(CacheControl.noStore())
                                                .body(handover.archiveBytes(archive))))))
                .onErrorResume(OpenDsrError.class, error -> Mono.just(asStream(signed.error(error))))
                .onErrorResume(
                        ApiException.class,
                        error -> Mono.just(
                                asStream(signed.error(OpenDsrError.conflict("no_results", error.getMessage())))));
    }

    private static ResponseEntity<Flux<DataBuffer>> asStream(ResponseEntity<byte[]> answer) {
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(answer.getBody())));
    }

    /** The partner's own request, or 404 for an unknown id, a malformed id and another partner's alike. */
    Mono<PartnerRequests.PartnerRequest> own(Jwt token, String id) {
        UUID subjectRequestId;
        try {
            subjectRequestId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Mono.error(OpenDsrError.notFound());
        }
        var controller = controllerOf(token);
        return partners.find(subjectRequestId)
                .filter(partner -> partner.controllerId().equals(controller))
                .switchIfEmpty(Mono.error(OpenDsrError.notFound()));
    }

    static String controllerOf(Jwt token) {
        var client = token.getClaimAsString("azp");
        return client == null || client.isBlank() ? token.getSubject() : client;
    }
}
