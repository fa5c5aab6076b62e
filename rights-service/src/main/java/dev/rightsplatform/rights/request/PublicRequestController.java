package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ContentLanguage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Requests without a login (public; rate-limited per address): submit with an e-mail address, prove it with the
 * code sent there. The answers say no more than the caller already knows: never whether an account exists.
 */
@RestController
@RequestMapping("/api/v1/public/requests")
class PublicRequestController {

    /** What the caller learns: the request's id, its state and its deadline (the rule in the caller's language). */
    record PublicView(UUID id, RequestType type, RequestStatus status, Instant dueAt, String dueRule) {
        static PublicView of(RightsRequest request, String language) {
            return new PublicView(
                    request.id(),
                    request.type(),
                    request.status(),
                    request.deadline().dueAt(),
                    request.deadline().rule(language));
        }
    }

    record CodeBody(
            @NotBlank @Pattern(regexp = "^[0-9]{6}$", message = "must be the 6 digits we sent")
            String code) {}

    private final IdentityVerification verification;

    PublicRequestController(IdentityVerification verification) {
        this.verification = verification;
    }

    @PostMapping
    Mono<ResponseEntity<PublicView>> submit(
            @Valid @RequestBody PublicRequestBody body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        var language = ContentLanguage.forAcceptLanguage(acceptLanguage);
        return verification
                .submit(body)
                .map(request -> ResponseEntity.status(HttpStatus.ACCEPTED).body(PublicView.of(request, language)));
    }

    @PostMapping("/{id}/verify")
    Mono<PublicView> verify(
            @PathVariable UUID id,
            @Valid @RequestBody CodeBody body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        var language = ContentLanguage.forAcceptLanguage(acceptLanguage);
        return verification.verify(id, body.code()).map(request -> PublicView.of(request, language));
    }

    @PostMapping("/{id}/code")
    Mono<ResponseEntity<Void>> resend(@PathVariable UUID id) {
        return verification.resend(id).thenReturn(ResponseEntity.accepted().build());
    }
}
