package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transaction around a submission, and the {@code Idempotency-Key} rules: the same key with the same body gets the
 * first answer again (even if the first call's answer was lost on the way); the same key with another body is a 422;
 * a second open request of the same type without a key is a 409 naming the open one.
 */
@Service
class RequestIntake {

    /** What the API answers: status, the request's id (for Location) and the exact JSON body. */
    record Answer(int status, UUID requestId, String body) {}

    private static final String KEY_PATTERN = "^[\\x21-\\x7E]{1,255}$";

    private final RequestSubmission submission;
    private final RequestViews views;
    private final RequestStore requests;
    private final IdempotencyKeys keys;
    private final TransactionalOperator transactional;
    private final JsonMapper json;
    private final Clock clock;

    RequestIntake(
            RequestSubmission submission,
            RequestViews views,
            RequestStore requests,
            IdempotencyKeys keys,
            TransactionalOperator transactional,
            JsonMapper json,
            Clock clock) {
        this.submission = submission;
        this.views = views;
        this.requests = requests;
        this.keys = keys;
        this.transactional = transactional;
        this.json = json;
        this.clock = clock;
    }

    Mono<Answer> submit(Caller caller, SubmitRequestBody body, @Nullable String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.matches(KEY_PATTERN)) {
            return Mono.error(
                    ApiException.invalidField("Idempotency-Key", "must be 1 to 255 visible ASCII characters"));
        }
        var bodyHash = sha256(json.writeValueAsString(body));
        var fresh = Mono.defer(() -> submitFresh(caller, body, idempotencyKey, bodyHash))
                .onErrorResume(
                        DuplicateKeyException.class,
                        e -> idempotencyKey == null
                                ? duplicateOf(caller, body.type())
                                // a concurrent call with the same key won the race: answer as it did
                                : replay(caller, idempotencyKey, bodyHash)
                                        .switchIfEmpty(duplicateOf(caller, body.type())));
        return idempotencyKey == null
                ? fresh
                : replay(caller, idempotencyKey, bodyHash).switchIfEmpty(fresh);
    }

    private Mono<Answer> submitFresh(Caller caller, SubmitRequestBody body, String key, String bodyHash) {
        return submission
                .submit(caller, body)
                .flatMap(views::of)
                .map(view -> new Answer(HttpStatus.ACCEPTED.value(), view.id(), json.writeValueAsString(view)))
                .flatMap(answer -> key == null
                        ? Mono.just(answer)
                        : keys.remember(
                                        caller.subjectId(),
                                        key,
                                        new IdempotencyKeys.StoredAnswer(
                                                bodyHash, answer.status(), answer.body(), answer.requestId()),
                                        clock.instant())
                                .thenReturn(answer))
                .as(transactional::transactional);
    }

    private Mono<Answer> replay(Caller caller, String key, String bodyHash) {
        return keys.find(caller.subjectId(), key)
                .flatMap(stored -> stored.bodyHash().equals(bodyHash)
                        ? Mono.just(new Answer(stored.status(), stored.requestId(), stored.body()))
                        : Mono.error(new ApiException(
                                ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was used with a different body.")));
    }

    /** The unique index on open requests refused the insert: answer 409 naming the open request. */
    private Mono<Answer> duplicateOf(Caller caller, RequestType type) {
        return requests.findOpen(caller.subjectId(), type)
                .flatMap(open -> Mono.error(new ApiException(
                        ProblemType.DUPLICATE_REQUEST,
                        "You already have an open request of this type.",
                        Map.of(
                                "openRequestId",
                                open.id().toString(),
                                "openRequest",
                                "/api/v1/requests/" + open.id()))));
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
