package dev.rightsplatform.gateway.ratelimit;

import dev.rightsplatform.gateway.ProblemType;
import dev.rightsplatform.gateway.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Draws every routed request from its caller's budget before it reaches a service. Over budget: {@code 429} with
 * {@code Retry-After} (seconds) and a problem body, and nothing is routed. Allowed calls carry
 * {@code X-RateLimit-Remaining}. Runs right after the request id, so refusals carry one too. A route's metadata
 * {@code rate-limit} may change whose budget it draws on ({@link RoutePolicy}).
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitProperties properties;
    private final TokenBuckets buckets;
    private final RemoteAddressResolver addresses;
    private final MeterRegistry meters;

    RateLimitFilter(
            RateLimitProperties properties,
            TokenBuckets buckets,
            RemoteAddressResolver addresses,
            MeterRegistry meters) {
        this.properties = properties;
        this.buckets = buckets;
        this.addresses = addresses;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var policy = RoutePolicy.of(route);
        if (policy == RoutePolicy.NONE) {
            return chain.filter(exchange);
        }
        var callers = policy == RoutePolicy.PER_ADDRESS
                ? Mono.fromSupplier(() -> Caller.anonymous(exchange, addresses))
                : Caller.of(exchange, addresses);
        return callers.flatMap(caller -> buckets.take(caller, properties.limitFor(caller.kind()))
                .flatMap(decision -> {
                    count(caller, decision);
                    return decision.allowed() ? pass(exchange, chain, decision) : refuse(exchange, caller, decision);
                }));
    }

    private static Mono<Void> pass(
            ServerWebExchange exchange, GatewayFilterChain chain, TokenBuckets.Decision decision) {
        if (decision.counted()) {
            exchange.getResponse().getHeaders().set(REMAINING_HEADER, String.valueOf(decision.remaining()));
        }
        return chain.filter(exchange);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, Caller caller, TokenBuckets.Decision decision) {
        // Addresses are personal data: an anonymous caller is logged by kind only.
        log.debug(
                "Rate limit reached by {} {}",
                caller.kind(),
                caller.kind() == Caller.Kind.ANONYMOUS ? "(address not logged)" : caller.id());
        var headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
        headers.set(REMAINING_HEADER, "0");
        return Problems.write(exchange, ProblemType.RATE_LIMITED);
    }

    private void count(Caller caller, TokenBuckets.Decision decision) {
        var outcome = !decision.counted() ? "uncounted" : decision.allowed() ? "allowed" : "limited";
        var kind = caller.kind().name().toLowerCase(Locale.ROOT);
        meters.counter("gateway.rate.limit", "caller", kind, "outcome", outcome).increment();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after RequestIdFilter
    }
}
