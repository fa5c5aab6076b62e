package dev.rightsplatform.rights.consent;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.security.Role;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Honours Global Privacy Control: a signed-in data subject's request carrying {@code Sec-GPC: 1} records their opt-out
 * of sale and sharing ({@link GpcOptOut}) before the request goes on, so whatever it does next already sees it. The
 * person's own request never fails because of it and waits at most {@code rights.consent.gpc.timeout}: a recording
 * that fails is logged and tried again on their next request; one that is slow finishes on its own.
 */
@Component
@Order(0) // after Spring Security's filter chain (-100), which has authenticated the caller
class GlobalPrivacyControlFilter implements WebFilter {

    static final String HEADER = "Sec-GPC";

    private static final Logger log = LoggerFactory.getLogger(GlobalPrivacyControlFilter.class);

    private final GpcOptOut optOut;
    private final Duration timeout;

    GlobalPrivacyControlFilter(GpcOptOut optOut, ConsentProperties properties) {
        this.optOut = optOut;
        this.timeout = properties.gpc().timeout();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!"1".equals(exchange.getRequest().getHeaders().getFirst(HEADER))) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> Caller.from(((JwtAuthenticationToken) authentication).getToken()))
                .filter(caller -> caller.has(Role.DATA_SUBJECT))
                .flatMap(this::recorded)
                .then(chain.filter(exchange));
    }

    private Mono<Void> recorded(Caller caller) {
        // subscribed apart from the person's request: cancelling the wait (timeout, client gone) never cuts a
        // transaction short
        var recording = optOut.honour(caller).toFuture();
        return Mono.fromFuture(recording, true)
                .timeout(timeout)
                .onErrorResume(e -> ContextThreadLocals.defer(() -> {
                    log.warn(
                            "GPC opt-out of subject {} not recorded yet, tried again on the next request: {}",
                            caller.subjectId(),
                            e.toString());
                    return Mono.empty();
                }));
    }
}
