package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.lifecycle.RightsRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The status of a partner's request as OpenDSR tells it, for the status endpoint and the callbacks alike: with
 * {@code results_url} and {@code results_count} once an access or portability request is completed.
 */
@Component
class StatusBodies {

    static final String API_VERSION = "2.0";
    private static final Set<String> WITH_RESULTS = Set.of("access", "portability");

    private final DatabaseClient db;
    private final OpenDsrProperties properties;

    StatusBodies(DatabaseClient db, OpenDsrProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    Mono<Map<String, Object>> of(
            PartnerRequests.PartnerRequest partner, RightsRequest request, @Nullable String callbackUrl) {
        var status = OpenDsrStatus.of(request.status());
        var body = new LinkedHashMap<String, Object>();
        body.put("api_version", API_VERSION);
        body.put("controller_id", partner.controllerId());
        if (callbackUrl != null) {
            body.put("status_callback_url", callbackUrl);
        }
        body.put("subject_request_id", partner.subjectRequestId().toString());
        body.put("request_status", status.wire());
        body.put("expected_completion_time", time(request.deadline().dueAt()));
        if (status != OpenDsrStatus.COMPLETED || !WITH_RESULTS.contains(partner.requestType())) {
            return Mono.just(body);
        }
        return db.sql("select coalesce(sum(records), 0) as records from collected_part where request_id = :id")
                .bind("id", request.id())
                .map(row -> row.get("records", Number.class).longValue())
                .one()
                .map(count -> {
                    body.put(
                            "results_url",
                            properties.publicBaseUrl() + "/opendsr/v2/requests/" + partner.subjectRequestId()
                                    + "/results");
                    body.put("results_count", count);
                    return body;
                });
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
