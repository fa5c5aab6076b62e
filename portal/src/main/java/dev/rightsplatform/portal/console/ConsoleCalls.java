package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.ApiProblem;
import dev.rightsplatform.portal.api.CallContext;
import dev.rightsplatform.portal.web.Languages;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Small things every console page needs. */
final class ConsoleCalls {

    private ConsoleCalls() {}

    static CallContext call(ServerWebExchange exchange) {
        return CallContext.of(exchange, Languages.of(exchange));
    }

    static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /**
     * rights-service's 401/403 for a caller who is no agent becomes the console's own "not allowed" page: the person's
     * portal wording ("this page is for people managing their own data") would be wrong here.
     */
    static <T> Mono<T> asAgent(Mono<T> call) {
        return call.onErrorMap(
                problem -> problem instanceof ApiProblem api && (api.status() == 403 || api.status() == 401),
                problem -> new ResponseStatusException(HttpStatus.FORBIDDEN, "console"));
    }
}
