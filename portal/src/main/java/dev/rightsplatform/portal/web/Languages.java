package dev.rightsplatform.portal.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The page's language: English or Simplified Chinese. The switch ({@code ?lang=zh-CN} on any page) is remembered in a
 * cookie; without one, the browser's Accept-Language decides; English otherwise.
 */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    static final List<Locale> SUPPORTED = List.of(ENGLISH, CHINESE);
    static final String COOKIE = "lang";
    static final String PARAMETER = "lang";

    private Languages() {}

    public static Locale of(ServerWebExchange exchange) {
        var asked = exchange.getRequest().getQueryParams().getFirst(PARAMETER);
        if (asked != null) {
            return parse(asked);
        }
        var cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie != null) {
            return parse(cookie.getValue());
        }
        var accepted = exchange.getRequest().getHeaders().getAcceptLanguageAsLocales();
        for (var locale : accepted) {
            if ("zh".equals(locale.getLanguage())) {
                return CHINESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** Anything but Chinese reads as English: a cookie or parameter can hold anything. */
    static Locale parse(String tag) {
        return tag.toLowerCase(Locale.ROOT).startsWith("zh") ? CHINESE : ENGLISH;
    }

    /** The cookie that keeps a switched language for a year. */
    static ResponseCookie remember(Locale locale, boolean secure) {
        return ResponseCookie.from(COOKIE, locale.toLanguageTag())
                .path("/")
                .maxAge(Duration.ofDays(365))
                .httpOnly(true)
                .sameSite("Lax")
                .secure(secure)
                .build();
    }
}
