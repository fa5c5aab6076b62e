package dev.rightsplatform.rights.web;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link TextRules} for query parameters (names and decoded values) and header values, before anything reads them:
 * a NUL in {@code ?jurisdiction=} reached PostgreSQL and came back as a 500. Headers may hold a tab (RFC 9110 allows
 * it between words); nothing else of C0. The problem names the parameter or header, never its value. Bodies are
 * checked as they are read ({@link TextDeserializer}); URLs by Spring Security's firewall.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // right after the body size limit, before the security chain reads headers
class TextRulesFilter implements WebFilter {

    private static final Pattern PLAIN_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private final JsonMapper json;

    TextRulesFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var problem = refusal(exchange);
        return problem == null ? chain.filter(exchange) : Problems.write(exchange, json, Problems.of(problem));
    }

    private static @Nullable ApiException refusal(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        for (var header : request.getHeaders().headerSet()) {
            for (var value : header.getValue()) {
                var refusal = TextRules.refusal(value.replace('\t', ' '), false);
                if (refusal != null) {
                    return ApiException.invalidField(header.getKey(), refusal);
                }
            }
        }
        try {
            for (var parameter : request.getQueryParams().entrySet()) {
                var refusal = TextRules.refusal(parameter.getKey(), false);
                if (refusal != null) {
                    return ApiException.invalidField("query", "parameter names " + refusal);
                }
                for (var value : parameter.getValue()) {
                    refusal = value == null ? null : TextRules.refusal(value, false);
                    if (refusal != null) {
                        // a name is the caller's text too: named back only when it is a plain one
                        return ApiException.invalidField(
                                PLAIN_NAME.matcher(parameter.getKey()).matches() ? parameter.getKey() : "query",
                                refusal);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return new ApiException(
                    ProblemType.MALFORMED_REQUEST, "The query string is not well-formed (a bad %-escape).");
        }
        return null;
    }
}
