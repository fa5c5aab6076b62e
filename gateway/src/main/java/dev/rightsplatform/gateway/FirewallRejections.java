package dev.rightsplatform.gateway;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers what Spring Security's {@code StrictServerWebExchangeFirewall} refuses (encoded {@code .}, {@code /} or
 * {@code \}, {@code ;}, {@code //}, control characters, a path that is not normalised, an unusual method) with a problem
 * instead of its bare 400. Nothing has been routed yet. Found by {@code WebFluxSecurityConfiguration} as the only bean of
 * its kind.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(FirewallRejections.class);

    /** The firewall's default list of methods; any other is refused, and 405 says so better than 400. */
    static final Set<HttpMethod> ALLOWED_METHODS = Set.of(
            HttpMethod.DELETE,
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.OPTIONS,
            HttpMethod.PATCH,
            HttpMethod.POST,
            HttpMethod.PUT);

    private static final String ALLOW = String.join(
            ", ", ALLOWED_METHODS.stream().map(HttpMethod::name).sorted().toList());

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejection) {
        // The firewall's message quotes the offending input, which can be personal data: not logged above debug.
        log.debug("Request refused by the firewall: {}", rejection.getMessage());
        // Spring Security's header writers have not run yet: the two that matter for an error body
        var headers = exchange.getResponse().getHeaders();
        headers.setCacheControl("no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (!ALLOWED_METHODS.contains(exchange.getRequest().getMethod())) {
            headers.set(HttpHeaders.ALLOW, ALLOW);
            return Problems.write(exchange, ProblemType.METHOD_NOT_ALLOWED);
        }
        return Problems.write(exchange, ProblemType.REQUEST_REJECTED);
    }
}
