package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.request.Actors;
import dev.rightsplatform.rights.request.WithdrawalRequests;
import dev.rightsplatform.rights.security.Caller;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Turns a verified token into the {@link ConsentChanges.Change} it makes: whose consent, how, and who acts. */
@Component
class ConsentCallers {

    private final Actors actors;
    private final Set<String> portalClients;

    ConsentCallers(Actors actors, ConsentProperties properties) {
        this.actors = actors;
        this.portalClients = Set.copyOf(properties.portalClients());
    }

    /** The person, through the portal when the token was issued to a portal client ({@code azp}), else the API. */
    ConsentChanges.Change person(Jwt token) {
        var client = token.getClaimAsString("azp");
        var method = client != null && portalClients.contains(client) ? ConsentMethod.PORTAL : ConsentMethod.API;
        return new ConsentChanges.Change(withdrawer(Caller.from(token)), method, null);
    }

    /** The person's browser, by its Global Privacy Control signal. */
    ConsentChanges.Change gpc(Caller caller) {
        return new ConsentChanges.Change(withdrawer(caller), ConsentMethod.GPC, null);
    }

    /** An agent on the person's behalf: the person is known only by account id, and the jurisdiction the agent gives. */
    ConsentChanges.Change agent(Jwt agentToken, String subjectId, @Nullable String jurisdiction) {
        var agent = Caller.from(agentToken);
        var who = new WithdrawalRequests.Withdrawer(subjectId, null, "en", jurisdiction, null, actors.of(agent));
        return new ConsentChanges.Change(who, ConsentMethod.AGENT, agent.subjectId());
    }

    private WithdrawalRequests.Withdrawer withdrawer(Caller caller) {
        return new WithdrawalRequests.Withdrawer(
                caller.subjectId(), caller.email(), caller.locale(), null, caller.jurisdiction(), actors.of(caller));
    }
}
