package dev.rightsplatform.rights.request;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Requests submitted without a login, by e-mail address: a one-time code goes to the address (valid for
 * {@code rights.verification.code-validity}, at most {@code max-attempts} guesses, at most {@code max-codes-per-hour}
 * codes per address). Once the code is right the deadline restarts where the rule says the clock starts at
 * verification, and the request waits for an agent, who links it to the person's account before anything is erased.
 */
@Service
class IdentityVerification {

    private enum Check {
        OK,
        WRONG,
        EXPIRED,
        LOCKED
    }

    private final RequestStore requests;
    private final RequestLifecycle lifecycle;
    private final VerificationCodes codes;
    private final Jurisdictions jurisdictions;
    private final Pseudonyms pseudonyms;
    private final TransactionalOperator transactional;
    private final Clock clock;
    private final Duration validity;
    private final int maxAttempts;
    private final int maxCodesPerHour;

    IdentityVerification(
            RequestStore requests,
            RequestLifecycle lifecycle,
            VerificationCodes codes,
            Jurisdictions jurisdictions,
            Pseudonyms pseudonyms,
            TransactionalOperator transactional,
            Clock clock,
            @Value("${rights.verification.code-validity:15m}") Duration validity,
            @Value("${rights.verification.max-attempts:5}") int maxAttempts,
            @Value("${rights.verification.max-codes-per-hour:3}") int maxCodesPerHour) {
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.codes = codes;
        this.jurisdictions = jurisdictions;
        this.pseudonyms = pseudonyms;
        this.transactional = transactional;
        this.clock = clock;
        this.validity = validity;
        this.maxAttempts = maxAttempts;
        this.maxCodesPerHour = maxCodesPerHour;
    }

    Mono<RightsRequest> submit(PublicRequestBody body) {
        if (!body.type().isAvailable()) {
            return Mono.error(new ApiException(
                    ProblemType.REQUEST_TYPE_UNAVAILABLE,
                    "Requests of type " + body.type() + " are not available yet."));
        }
        var email = body.email().trim().toLowerCase(Locale.ROOT);
        var subjectId =
                RightsRequest.Subject.EMAIL_PREFIX + pseudonyms.keyedHash(email).substring(0, 40);
        var now = clock.instant();
        var jurisdiction = jurisdictions.resolve(body.jurisdiction(), null);
        var code = codes.newCode();
        var subject = new RightsRequest.Subject(subjectId, email, Caller.supportedLocale(body.locale()), jurisdiction);
        return withinRateLimit(subjectId)
                .then(lifecycle.handle(new LifecycleCommand.Submit(
                        subject,
                        body.type(),
                        null,
                        now,
                        pseudonyms.subject(subjectId),
                        LifecycleCommand.Submit.Identity.EMAIL_UNVERIFIED)))
                .flatMap(waiting -> codes.store(waiting.id(), subjectId, code, now, validity)
                        .then(lifecycle.handle(
                                new LifecycleCommand.SendVerificationCode(waiting.id(), code, now.plus(validity)))))
                .as(transactional::transactional)
                .onErrorMap(
                        DuplicateKeyException.class,
                        e -> new ApiException(
                                ProblemType.DUPLICATE_REQUEST,
                                "A request of this type for this address is already open."));
    }

    /** A fresh code for a request still waiting for one; the same rate limit applies. */
    Mono<Void> resend(UUID id) {
        var now = clock.instant();
        var code = codes.newCode();
        return requests.lock(id)
                .filter(request -> request.status() == RequestStatus.AWAITING_VERIFICATION)
                .switchIfEmpty(notFound())
                .flatMap(request -> withinRateLimit(request.subject().id())
                        .then(codes.store(id, request.subject().id(), code, now, validity))
                        .then(lifecycle.handle(new LifecycleCommand.SendVerificationCode(id, code, now.plus(validity))))
                        .then())
                .as(transactional::transactional);
    }

    Mono<RightsRequest> verify(UUID id, String code) {
        return check(id, code)
                .flatMap(result -> switch (result) {
                    case OK -> Mono.<RightsRequest>empty();
                    case WRONG ->
                        Mono.error(new ApiException(ProblemType.WRONG_CODE, "The code is not the one we sent."));
                    case EXPIRED ->
                        Mono.error(
                                new ApiException(ProblemType.CODE_EXPIRED, "The code has expired; ask for a new one."));
                    case LOCKED ->
                        Mono.error(new ApiException(
                                ProblemType.TOO_MANY_ATTEMPTS, "Too many wrong codes; ask for a new one later."));
                })
                .switchIfEmpty(Mono.defer(() -> requests.find(id)));
    }

    /** One transaction per guess: a wrong guess is counted even though the answer is an error. */
    private Mono<Check> check(UUID id, String code) {
        var now = clock.instant();
        return requests.lock(id)
                .filter(request -> request.status() == RequestStatus.AWAITING_VERIFICATION)
                .switchIfEmpty(notFound())
                .flatMap(request -> codes.lock(id).switchIfEmpty(notFound()).flatMap(stored -> {
                    if (stored.attempts() >= maxAttempts) {
                        return Mono.just(Check.LOCKED);
                    }
                    if (now.isAfter(stored.expiresAt())) {
                        return Mono.just(Check.EXPIRED);
                    }
                    if (!java.security.MessageDigest.isEqual(
                            stored.codeHash().getBytes(UTF_8),
                            codes.hash(id, code).getBytes(UTF_8))) {
                        return codes.countAttempt(id).thenReturn(Check.WRONG);
                    }
                    return codes.delete(id)
                            .then(lifecycle.handle(new LifecycleCommand.Verify(id, now)))
                            .thenReturn(Check.OK);
                }))
                .as(transactional::transactional);
    }

    private Mono<Void> withinRateLimit(String subjectId) {
        return codes.sentSince(subjectId, clock.instant().minus(Duration.ofHours(1)))
                .flatMap(sent -> sent >= maxCodesPerHour
                        ? Mono.error(new ApiException(
                                ProblemType.TOO_MANY_ATTEMPTS,
                                "Too many codes were sent to this address in the last hour; try again later."))
                        : Mono.empty());
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(
                new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is waiting for a code."));
    }
}
