package dev.rightsplatform.gateway.ratelimit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;

/**
 * Whose budget a route's calls draw on, from the route's metadata {@code rate-limit} (application.yml). A value that is
 * none of these stops the gateway at start-up, naming the route.
 */
enum RoutePolicy {

    /** The default: the validated token's partner or person, else the address (tokenless public API calls). */
    CALLER,
    /** Always the caller's address, token or not: the portal's forms that send e-mail codes. */
    PER_ADDRESS,
    /** Not counted: the portal's pages, which a browser fetches many at a time. */
    NONE;

    static final String METADATA_KEY = "rate-limit";

    static RoutePolicy of(@Nullable Route route) {
        return route == null ? CALLER : parse(route.getId(), route.getMetadata());
    }

    static RoutePolicy parse(String routeId, Map<String, Object> metadata) {
        var value = metadata.get(METADATA_KEY);
        if (value == null) {
            return CALLER;
        }
        var name = value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(policy -> policy.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "route " + routeId + ": metadata " + METADATA_KEY + " must be caller, per-address or none"));
    }
}
