package dev.rightsplatform.portal.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a page passes on to rights-service from the browser's request: the page's language (answers and notices come
 * in it), the Global Privacy Control signal (rights-service records the opt-out it means), and the gateway's request
 * id (one id follows a click through the logs).
 */
public record CallContext(
        Locale locale,
        boolean globalPrivacyControl,
        @Nullable String requestId) {

    static final String GPC = "Sec-GPC";
    static final String REQUEST_ID = "X-Request-Id";

    public static CallContext of(ServerWebExchange exchange, Locale locale) {
        var headers = exchange.getRequest().getHeaders();
        return new CallContext(locale, "1".equals(headers.getFirst(GPC)), headers.getFirst(REQUEST_ID));
    }

    void applyTo(HttpHeaders headers) {
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, locale.toLanguageTag());
        if (globalPrivacyControl) {
            headers.set(GPC, "1");
        }
        if (requestId != null && requestId.length() <= 128) {
            headers.set(REQUEST_ID, requestId);
        }
    }
}
