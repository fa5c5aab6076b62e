package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.lifecycle.IllegalTransitionException;
import dev.rightsplatform.rights.partner.PartnerLinks;
import dev.rightsplatform.rights.request.PartnerSubmissions;
import dev.rightsplatform.rights.web.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates and cancels partners' requests. A create is idempotent by {@code subject_request_id}: the same body again
 * (compared as canonical JSON, so key order and spacing do not matter) gets the first answer byte for byte; another
 * body, or another partner, gets 409. The request, its partner record and its first answer commit together.
 */
@Service
class PartnerIntake {

    /** Sorted keys, no spacing: the same JSON document always hashes the same. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final PartnerSubmissions submissions;
    private final PartnerRequests partners;
    private final PartnerLinks links;
    private final CallbackTargets targets;
    private final SignedResponses signed;
    private final JsonMapper json;
    private final OpenDsrProperties properties;
    private final SubmittedTimeLimits limits;
    private final TransactionalOperator transactional;
    private final Clock clock;

    PartnerIntake(
            PartnerSubmissions submissions,
            PartnerRequests partners,
            PartnerLinks links,
            CallbackTargets targets,
            SignedResponses signed,
            JsonMapper json,
            OpenDsrProperties properties,
            SubmittedTimeLimits limits,
            TransactionalOperator transactional,
            Clock clock) {
        this.submissions = submissions;
        this.partners = partners;
        this.links = links;
        this.targets = targets;
        this.signed = signed;
        this.json = json;
        this.properties = properties;
        this.limits = limits;
        this.transactional = transactional;
        this.clock = clock;
    }

    /** Emits the 201 body. */
    Mono<byte[]> create(String controller, byte[] raw) {
        JsonNode tree;
        try {
            tree = json.readTree(raw);
        } catch (JacksonException e) {
            return Mono.error(OpenDsrError.invalid(
                    List.of(new OpenDsrError.Item("invalid_json", "The body is not valid JSON."))));
        }
        CreateRequest create;
        try {
            create = CreateRequest.from(
                    tree, properties.regulations().keySet(), clock.instant(), limits.maxSubmittedAge());
        } catch (OpenDsrError error) {
            return Mono.error(error);
        }
        var hash = sha256(CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class)));
        return partners.find(create.subjectRequestId())
                .flatMap(existing -> replay(existing, controller, hash))
                .switchIfEmpty(Mono.defer(() -> checkCallbacks(create.callbackUrls())
                        .then(fresh(controller, create, raw, hash))
                        .onErrorResume(
                                DuplicateKeyException.class,
                                e -> partners.find(create.subjectRequestId())
                                        .flatMap(existing -> replay(existing, controller, hash))
                                        .switchIfEmpty(Mono.error(OpenDsrError.conflict(
                                                "open_request_exists",
                                                "This person already has an open request of this type."))))));
    }

    private Mono<byte[]> fresh(String controller, CreateRequest create, byte[] raw, String hash) {
        var received = clock.instant();
        var jurisdiction = properties.regulations().get(create.regulation());
        // Only a person linked to this partner, for this type, is found: an unknown person and an unlinked one get the
        // same answer from the same single query, so a partner learns nothing about who has an account here.
        return links.find(controller, create.identity(), create.platformType())
                .switchIfEmpty(
                        Mono.error(
                                () -> new OpenDsrError(
                                        HttpStatus.UNPROCESSABLE_CONTENT,
                                        "opendsr-not-processable",
                                        "The request cannot be carried out here.",
                                        List.of(
                                                new OpenDsrError.Item(
                                                        "unknown_subject",
                                                        "No person who authorised this partner for this type of request matches the identities.")))))
                .flatMap(link -> submissions.submit(
                        link.subjectId(),
                        link.email(),
                        link.locale(),
                        create.platformType(),
                        jurisdiction,
                        create.submittedTime(),
                        "partner:" + controller))
                .onErrorMap(
                        ApiException.class,
                        e -> new OpenDsrError(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "opendsr-not-processable",
                                "The request cannot be carried out here.",
                                List.of(new OpenDsrError.Item(
                                        e.type().name().toLowerCase(java.util.Locale.ROOT), e.getMessage()))))
                .flatMap(request -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("controller_id", controller);
                    body.put(
                            "expected_completion_time",
                            StatusBodies.time(request.deadline().dueAt()));
                    body.put("received_time", StatusBodies.time(received));
                    body.put("encoded_request", Base64.getEncoder().encodeToString(raw));
                    body.put("subject_request_id", create.subjectRequestId().toString());
                    var answer = signed.bytes(body);
                    var urls = json.writeValueAsString(
                            create.callbackUrls().stream().map(URI::toString).toList());
                    return partners.insert(new PartnerRequests.PartnerRequest(
                                    create.subjectRequestId(),
                                    controller,
                                    request.id(),
                                    hash,
                                    create.requestType(),
                                    create.submittedTime(),
                                    received,
                                    urls,
                                    answer,
                                    OpenDsrStatus.of(request.status()).wire()))
                            .thenReturn(answer);
                })
                .as(transactional::transactional);
    }

    private Mono<byte[]> replay(PartnerRequests.PartnerRequest existing, String controller, String hash) {
        if (existing.controllerId().equals(controller) && existing.bodyHash().equals(hash)) {
            return Mono.just(existing.createdAnswer());
        }
        return Mono.error(OpenDsrError.conflict(
                "subject_request_id_conflict", "This subject_request_id was already used with another body."));
    }

    private Mono<Void> checkCallbacks(List<URI> urls) {
        return Flux.fromIterable(urls)
                .concatMap(
                        url -> Mono.fromCallable(() -> targets.refusal(url)).subscribeOn(Schedulers.boundedElastic()))
                .next()
                .flatMap(refusal -> Mono.<Void>error(OpenDsrError.invalid(List.of(new OpenDsrError.Item(
                        "invalid_status_callback_url", "A status callback URL is refused: " + refusal + ".")))));
    }

    /** Cancels while pending (OpenDSR allows nothing else): emits the partner request, else a 409. */
    Mono<PartnerRequests.PartnerRequest> cancel(PartnerRequests.PartnerRequest partner) {
        return submissions
                .cancel(partner.requestId(), "partner:" + partner.controllerId())
                .thenReturn(partner)
                .onErrorMap(
                        e -> e instanceof ApiException || e instanceof IllegalTransitionException,
                        e -> OpenDsrError.conflict(
                                "request_not_cancellable", "Only a pending request can be cancelled."));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
