package dev.rightsplatform.rights.delivery.access;

import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The person's own requests, for handing over their data: anybody else — another person, an agent, the privacy
 * officer — is answered 404 as if the request did not exist. Agents handle requests; they never read the data.
 */
@Component
class OwnedRequests {

    private final RequestStore requests;

    OwnedRequests(RequestStore requests) {
        this.requests = requests;
    }

    Mono<RightsRequest> find(Caller caller, UUID id) {
        return requests.find(id)
                .filter(request -> request.subject().id().equals(caller.subjectId()))
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you.")));
    }
}
