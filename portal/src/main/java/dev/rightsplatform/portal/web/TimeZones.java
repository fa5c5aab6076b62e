package dev.rightsplatform.portal.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The person's time zone, which their browser tells in the {@code tz} cookie (set by /assets/portal.js from
 * {@code Intl.DateTimeFormat}); before it has, the fallback given. Dates on every page are shown in it.
 */
final class TimeZones {

    static final String COOKIE = "tz";

    private TimeZones() {}

    static ZoneId of(ServerWebExchange exchange, ZoneId fallback) {
        var cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        var zone = cookie == null ? null : parse(cookie.getValue());
        return zone != null ? zone : fallback;
    }

    private static @Nullable ZoneId parse(String id) {
        if (id.length() > 64) {
            return null;
        }
        try {
            return ZoneId.of(id.replace("%2F", "/"));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
