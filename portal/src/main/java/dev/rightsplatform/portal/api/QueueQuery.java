package dev.rightsplatform.portal.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The console's queue filter, read from the page's address. Values the queue does not know are dropped rather than
 * passed on: the filter form then shows them unset, and rights-service only ever gets what it accepts.
 */
public record QueueQuery(
        @Nullable String status,
        @Nullable String type,
        @Nullable String jurisdiction,
        boolean overdue,
        @Nullable String heldBy,
        @Nullable String after) {

    /** Whose requests: the signed-in agent's ({@code me}) or nobody's; absent for everyone's. */
    public static final Set<String> HOLDERS = Set.of("me", "nobody");

    public static final Set<String> STATUSES = Set.of(
            "RECEIVED",
            "AWAITING_VERIFICATION",
            "AWAITING_REVIEW",
            "COOLING_OFF",
            "IN_PROGRESS",
            "NEEDS_ATTENTION",
            "COMPLETED",
            "REFUSED",
            "CANCELLED");
    public static final Set<String> TYPES = Set.of("ACCESS", "EXPORT", "DEREGISTER", "WITHDRAW_CONSENT");

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,512}");

    public static QueueQuery of(MultiValueMap<String, String> query) {
        return new QueueQuery(
                oneOf(query.getFirst("status"), STATUSES),
                oneOf(query.getFirst("type"), TYPES),
                matching(upper(query.getFirst("jurisdiction")), JURISDICTION),
                "true".equals(query.getFirst("overdue")),
                oneOf(query.getFirst("heldBy"), HOLDERS),
                matching(query.getFirst("after"), CURSOR));
    }

    /** The query parameters of rights-service's {@code GET /api/v1/agent/requests}. */
    public Map<String, String> parameters() {
        var parameters = new LinkedHashMap<String, String>();
        if (status != null) parameters.put("status", status);
        if (type != null) parameters.put("type", type);
        if (jurisdiction != null) parameters.put("jurisdiction", jurisdiction);
        if (overdue) parameters.put("overdue", "true");
        if (heldBy != null) parameters.put("heldBy", heldBy);
        if (after != null) parameters.put("after", after);
        return parameters;
    }

    /** The same filter on its following page. */
    public QueueQuery after(String cursor) {
        return new QueueQuery(status, type, jurisdiction, overdue, heldBy, cursor);
    }

    private static @Nullable String oneOf(@Nullable String value, Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static @Nullable String matching(@Nullable String value, Pattern pattern) {
        return value != null && pattern.matcher(value).matches() ? value : null;
    }

    private static @Nullable String upper(@Nullable String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }
}
