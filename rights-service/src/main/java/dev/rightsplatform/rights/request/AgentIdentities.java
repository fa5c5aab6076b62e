package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.security.AccountDirectory;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.security.Role;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents as assignments name them: the signed-in agent from their token, another agent from the account directory by
 * username. The name shown in the queue is the agent's username ({@code preferred_username}), staff's own.
 */
@Component
class AgentIdentities {

    private final Actors actors;
    private final AccountDirectory directory;

    AgentIdentities(Actors actors, AccountDirectory directory) {
        this.actors = actors;
        this.directory = directory;
    }

    Assignments.Agent of(Jwt token) {
        var caller = Caller.from(token);
        var username = token.getClaimAsString("preferred_username");
        return new Assignments.Agent(
                caller.subjectId(),
                username == null || username.isBlank() ? caller.subjectId() : username,
                actors.of(caller));
    }

    /** The agent (support agent or privacy officer) with this username; 422 {@code account-not-found} if none. */
    Mono<Assignments.Agent> named(String username) {
        return directory
                .agent(username)
                .map(account -> new Assignments.Agent(
                        account.id(),
                        account.username(),
                        (account.has(Role.PRIVACY_OFFICER) ? Role.PRIVACY_OFFICER : Role.SUPPORT_AGENT).realmRole()
                                + ":" + account.id()))
                .switchIfEmpty(Mono.error(new ApiException(
                        ProblemType.ACCOUNT_NOT_FOUND, "No agent has this username.", java.util.Map.of())));
    }
}
