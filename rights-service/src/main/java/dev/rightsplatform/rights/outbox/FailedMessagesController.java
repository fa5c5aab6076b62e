package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.security.Role;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The agents' view of the outbox (support agents and the privacy officer: {@code /api/v1/agent/**} in SecurityConfig):
 * the messages it gave up on, and resubmitting one.
 */
@RestController
@RequestMapping("/api/v1/agent/outbox")
class FailedMessagesController {

    private final FailedMessages failed;

    FailedMessagesController(FailedMessages failed) {
        this.failed = failed;
    }

    @GetMapping("/failed")
    Mono<FailedMessages.Page> failed(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable UUID after) {
        return Mono.defer(() -> failed.list(actor(Caller.from(token)), limit, after));
    }

    @PostMapping("/{id}/resubmit")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> resubmit(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return failed.resubmit(actor(Caller.from(token)), id);
    }

    /** Staff by role and account id, as every agent action is audited. */
    private static String actor(Caller caller) {
        var role = caller.has(Role.PRIVACY_OFFICER) ? Role.PRIVACY_OFFICER : Role.SUPPORT_AGENT;
        return role.realmRole() + ":" + caller.subjectId();
    }
}
