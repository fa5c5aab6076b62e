package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.CallContext;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** Small things every page controller needs. */
final class Pages {

    /** The request types a person starts in the portal (consent withdrawal starts in the consent center). */
    static final Set<String> SELF_SERVICE_TYPES = Set.of("ACCESS", "EXPORT", "DEREGISTER");

    private Pages() {}

    static CallContext call(ServerWebExchange exchange) {
        return CallContext.of(exchange, Languages.of(exchange));
    }

    /** A request id from the address; anything else is a page that does not exist. */
    static UUID requestId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
