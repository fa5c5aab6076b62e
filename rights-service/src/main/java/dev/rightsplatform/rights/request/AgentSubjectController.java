package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.security.AccountDirectory;
import dev.rightsplatform.rights.security.Role;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Agents find the account of a person who called or wrote in (support agents and the privacy officer, enforced in
 * SecurityConfig): by exact username or e-mail address, sent in the body so that it stays out of URLs and access logs.
 * The answer is the account id the other agent endpoints take (consents, requests on the person's behalf).
 */
@RestController
@RequestMapping("/api/v1/agent/subjects")
class AgentSubjectController {

    record Lookup(@NotBlank @Size(max = 255) @Nullable String subject) {}

    /** A person's account as agents see it here: its id and username, nothing more. */
    record SubjectView(String id, String username) {}

    private final AccountDirectory directory;

    AgentSubjectController(AccountDirectory directory) {
        this.directory = directory;
    }

    @PostMapping("/lookup")
    Mono<SubjectView> lookup(@Valid @RequestBody Lookup body) {
        return person(directory.find(java.util.Objects.requireNonNull(body.subject())));
    }

    @GetMapping("/{subjectId:[0-9a-fA-F-]{36}}")
    Mono<SubjectView> one(@PathVariable String subjectId) {
        return person(directory.byId(subjectId));
    }

    private static Mono<SubjectView> person(Mono<AccountDirectory.Account> found) {
        return found.filter(account -> account.has(Role.DATA_SUBJECT) && !account.isAgent())
                .map(account -> new SubjectView(account.id(), account.username()))
                .switchIfEmpty(Mono.error(new ApiException(
                        ProblemType.ACCOUNT_NOT_FOUND,
                        "No person's account has this username, e-mail address or id.",
                        Map.of())));
    }
}
