package dev.rightsplatform.rights.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.Parameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both reports over a seeded data set whose every number was worked out by hand (in the comments beside the seed):
 * four jurisdictions, requests on time and late, with and without an extension, refused for two reasons, cancelled and
 * open, across the turn of the year (in UTC for the compliance report, in California time for the CCPA one), and
 * three systems with failures, agents' retries and the worker's extra attempts. Requests outside the range sit just
 * beside its edges.
 */
class ComplianceReportIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String OFFICER = tokens.withRoles("officer-1", "privacy-officer");
    private static final String UNVERIFIED = "Identity could not be verified";
    private static final String UNFOUNDED = "Manifestly unfounded";

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void seed() {
        // --- EU (GDPR) ---------------------------------------------------------------------------------------------
        // outside [2025-12-01, 2026-02-01) by a minute: only in the yearly EU report (2025). 8 days, on time
        var x1 = request("DE", "GDPR", "ACCESS", "COMPLETED", "2025-11-30T23:59:00Z", 30, 8.0, false, null, null);
        task(x1, "crm", "FAILED", 3); // must not count in the December-January report
        // 2025-12 EU: completed 10 d on time; 40 d on time thanks to an extension; 35 d late (due after 31 d)
        var e1 = request("DE", "GDPR", "ACCESS", "COMPLETED", "2025-12-03T10:00:00Z", 30, 10.0, false, null, null);
        task(e1, "crm", "DONE", 1);
        task(e1, "orders", "DONE", 3); // 2 worker retries
        request("FR", "GDPR", "EXPORT", "COMPLETED", "2025-12-20T10:00:00Z", 92, 40.0, true, null, null);
        // the last hour of 2025 in UTC: December
        var e3 = request("DE", "GDPR", "DEREGISTER", "COMPLETED", "2025-12-31T23:00:00Z", 31, 35.0, false, null, null);
        task(e3, "crm", "SUPERSEDED", 5); // failed after 5 attempts, retried by an agent: 1 failure, 1 agent retry, 4
        task(e3, "crm", "DONE", 1);
        task(e3, "orders", "DONE", 1);
        // 2026-01 EU: refused 5 d and 6 d (same reason), cancelled, open
        request("DE", "GDPR", "ACCESS", "REFUSED", "2026-01-05T09:00:00Z", 31, 5.0, false, UNVERIFIED, null);
        request("FR", "GDPR", "ACCESS", "CANCELLED", "2026-01-10T09:00:00Z", 31, 2.0, false, null, null);
        request("DE", "GDPR", "EXPORT", "IN_PROGRESS", "2026-01-20T09:00:00Z", 31, null, false, null, null);
        request("FR", "GDPR", "ACCESS", "REFUSED", "2026-01-25T09:00:00Z", 31, 6.0, false, UNVERIFIED, null);

        // --- UK (UK GDPR) ------------------------------------------------------------------------------------------
        request("GB", "UK_GDPR", "ACCESS", "COMPLETED", "2025-12-10T12:00:00Z", 31, 20.0, false, null, null);
        // the first hour of 2026 in UTC: January
        request("GB", "UK_GDPR", "DEREGISTER", "REFUSED", "2026-01-01T00:30:00Z", 31, 3.0, false, UNFOUNDED, null);
        var u3 = request(
                "GB", "UK_GDPR", "ACCESS", "NEEDS_ATTENTION", "2026-01-15T12:00:00Z", 92, null, true, null, null);
        task(u3, "orders", "FAILED", 4); // 1 failure, 3 worker retries

        // --- US-CA (CCPA) ------------------------------------------------------------------------------------------
        // CCPA 2025 (California time): 30 d
        request("US-CA", "CCPA", "ACCESS", "COMPLETED", "2025-12-15T18:00:00Z", 45, 30.0, false, null, null);
        // 2026-01-01 05:00 UTC is 2025-12-31 21:00 in California: January here, 2025 in the CCPA report. 10 d
        request("US-CA", "CCPA", "ACCESS", "COMPLETED", "2026-01-01T05:00:00Z", 45, 10.0, false, null, null);
        // delete: 50 d on time after an extension (45 + 45)
        var c2 =
                request("US-CA", "CCPA", "DEREGISTER", "COMPLETED", "2026-01-02T12:00:00Z", 90, 50.0, true, null, null);
        task(c2, "crm", "DONE", 1);
        task(c2, "orders", "SUPERSEDED", 1); // blocked, retried by an agent
        task(c2, "orders", "DONE", 2); // 1 worker retry
        // know: denied after 4 d
        request("US-CA", "CCPA", "EXPORT", "REFUSED", "2026-01-03T12:00:00Z", 45, 4.0, false, UNVERIFIED, null);
        // opt-out of sale/sharing (a gpc purpose): 1 d; a marketing withdrawal is no opt-out of sale: 2 d
        request(
                "US-CA",
                "CCPA",
                "WITHDRAW_CONSENT",
                "COMPLETED",
                "2026-01-04T12:00:00Z",
                21,
                1.0,
                false,
                null,
                "sale-sharing");
        request(
                "US-CA",
                "CCPA",
                "WITHDRAW_CONSENT",
                "COMPLETED",
                "2026-01-06T12:00:00Z",
                21,
                2.0,
                false,
                null,
                "marketing");
        // delete: 46 d, late (due after 45 d, no extension)
        request("US-CA", "CCPA", "DEREGISTER", "COMPLETED", "2026-01-07T12:00:00Z", 45, 46.0, false, null, null);
        // after the compliance report's range, inside CCPA 2026: know open; 10 d; 31 d
        request("US-CA", "CCPA", "ACCESS", "IN_PROGRESS", "2026-03-01T12:00:00Z", 45, null, false, null, null);
        request("US-CA", "CCPA", "ACCESS", "COMPLETED", "2026-04-01T12:00:00Z", 45, 10.0, false, null, null);
        request("US-CA", "CCPA", "EXPORT", "COMPLETED", "2026-05-01T12:00:00Z", 45, 31.0, false, null, null);

        // --- CN (PIPL) ---------------------------------------------------------------------------------------------
        var n1 = request("CN", "PIPL", "DEREGISTER", "COMPLETED", "2026-01-08T02:00:00Z", 21, 18.0, false, null, null);
        task(n1, "keycloak", "DONE", null);
        // the first instant after the range: excluded
        request("CN", "PIPL", "ACCESS", "COMPLETED", "2026-02-01T00:00:00Z", 30, 3.0, false, null, null);
    }

    @Test
    void monthlyReportOfEveryJurisdiction() {
        var report = get("/api/v1/officer/reports?from=2025-12-01&to=2026-02-01&period=month");

        assertThat(report.get("from").asString()).isEqualTo("2025-12-01");
        assertThat(report.get("to").asString()).isEqualTo("2026-02-01");
        assertThat(report.get("period").asString()).isEqualTo("month");
        assertThat(report.get("jurisdiction").isNull()).isTrue();
        // columns: period, jurisdiction, received, completed, refused, cancelled, open, onTime, onTimeRate, extended,
        // median, p90. Percentiles interpolate (percentile_cont): p90 of [10, 35, 40] is 35 + 0.8 * 5 = 39.
        // US-CA January: days [1, 2, 4, 10, 46, 50]: median (4 + 10) / 2 = 7, p90 46 + 0.5 * 4 = 48; on time 4 of 5.
        // Total: 18 received; days of the 15 answered [1,2,3,4,5,6,10,10,18,20,30,35,40,46,50]: median the 8th, 10;
        // p90 at 0.9 * 14 = 12.6: 40 + 0.6 * 6 = 43.6; on time 9 of 11 = 0.8182.
        assertThat(report.get("rows")).isEqualTo(tree("""
                        [%s, %s, %s, %s, %s, %s, %s, %s]""".formatted(
                        row("2025-12", "EU", 3, 3, 0, 0, 0, 2, "0.6667", 1, "35.0", "39.0"),
                        row("2025-12", "UK", 1, 1, 0, 0, 0, 1, "1.0", 0, "20.0", "20.0"),
                        row("2025-12", "US-CA", 1, 1, 0, 0, 0, 1, "1.0", 0, "30.0", "30.0"),
                        row("2026-01", "CN", 1, 1, 0, 0, 0, 1, "1.0", 0, "18.0", "18.0"),
                        row("2026-01", "EU", 4, 0, 2, 1, 1, 0, "null", 0, "5.5", "5.9"),
                        row("2026-01", "UK", 2, 0, 1, 0, 1, 0, "null", 1, "3.0", "3.0"),
                        row("2026-01", "US-CA", 6, 5, 1, 0, 0, 4, "0.8", 1, "7.0", "48.0"),
                        row("total", "total", 18, 11, 4, 1, 2, 9, "0.8182", 3, "10.0", "43.6"))));
        assertThat(report.get("refusals")).isEqualTo(tree("""
                        [{"jurisdiction": "EU", "reason": "%s", "count": 2},
                         {"jurisdiction": "UK", "reason": "%s", "count": 1},
                         {"jurisdiction": "US-CA", "reason": "%s", "count": 1}]""".formatted(UNVERIFIED, UNFOUNDED, UNVERIFIED)));
        // crm: e3's superseded task failed; worker retries 4 (its five attempts). orders: c2's blocked and u3's
        // failed; worker retries e1 2 + c2 1 + u3 3 = 6. keycloak (n1's one task, done at once) had no trouble: absent
        assertThat(report.get("systems")).isEqualTo(tree("""
                        [{"systemId": "crm", "failed": 1, "agentRetries": 1, "workerRetries": 4},
                         {"systemId": "orders", "failed": 2, "agentRetries": 1, "workerRetries": 6}]"""));
    }

    @Test
    void yearlyReportOfOneJurisdiction() {
        var report = get("/api/v1/officer/reports?from=2025-01-01&to=2027-01-01&period=year&jurisdiction=eu");

        assertThat(report.get("jurisdiction").asString()).isEqualTo("EU");
        // 2025 EU: x1 8 d, e1 10 d, e2 40 d (extended), e3 35 d late: median 22.5, p90 35 + 0.7 * 5 = 38.5
        // total: days [5, 6, 8, 10, 35, 40]: median 9, p90 at 4.5: 35 + 0.5 * 5 = 37.5
        assertThat(report.get("rows"))
                .isEqualTo(tree("[%s, %s, %s]"
                        .formatted(
                                row("2025", "EU", 4, 4, 0, 0, 0, 3, "0.75", 1, "22.5", "38.5"),
                                row("2026", "EU", 4, 0, 2, 1, 1, 0, "null", 0, "5.5", "5.9"),
                                row("total", "total", 8, 4, 2, 1, 1, 3, "0.75", 1, "9.0", "37.5"))));
        assertThat(report.get("systems")).isEqualTo(tree("""
                        [{"systemId": "crm", "failed": 2, "agentRetries": 1, "workerRetries": 6},
                         {"systemId": "orders", "failed": 0, "agentRetries": 0, "workerRetries": 2}]"""));

        // one code of the EU: rows by the code itself
        var germany = get("/api/v1/officer/reports?from=2025-01-01&to=2027-01-01&period=year&jurisdiction=DE");
        assertThat(germany.get("rows"))
                .isEqualTo(tree("[%s, %s, %s]"
                        .formatted(
                                row("2025", "DE", 3, 3, 0, 0, 0, 2, "0.6667", 0, "10.0", "30.0"),
                                row("2026", "DE", 2, 0, 1, 0, 1, 0, "null", 0, "5.0", "5.0"),
                                row("total", "total", 5, 3, 1, 0, 1, 2, "0.6667", 0, "9.0", "27.5"))));
    }

    @Test
    void ccpaMetricsOfTwoCalendarYearsInCaliforniaTime() {
        // know: c3 denied 4 d, open one, 10 d, 31 d: median 10, mean 15. delete: 50 d and 46 d. opt-out: 1 d (the
        // marketing withdrawal is not one). Correction is not offered.
        var y2026 = get("/api/v1/officer/reports/ccpa?year=2026");
        assertThat(y2026.get("year").asInt()).isEqualTo(2026);
        assertThat(y2026.get("zone").asString()).isEqualTo("America/Los_Angeles");
        assertThat(y2026.get("categories"))
                .isEqualTo(tree("[%s, %s, %s, %s]"
                        .formatted(
                                ccpa("know", true, 4, 2, 1, "10.0", "15.0"),
                                ccpa("delete", true, 2, 2, 0, "48.0", "48.0"),
                                ccpa("correct", false, 0, 0, 0, "null", "null"),
                                ccpa("opt-out-of-sale-sharing", true, 1, 1, 0, "1.0", "1.0"))));
        // 2025: 30 d, and the one received on 31 December in California (1 January in UTC): 10 d
        var y2025 = get("/api/v1/officer/reports/ccpa?year=2025");
        assertThat(y2025.get("categories"))
                .isEqualTo(tree("[%s, %s, %s, %s]"
                        .formatted(
                                ccpa("know", true, 2, 2, 0, "20.0", "20.0"),
                                ccpa("delete", true, 0, 0, 0, "null", "null"),
                                ccpa("correct", false, 0, 0, 0, "null", "null"),
                                ccpa("opt-out-of-sale-sharing", true, 0, 0, 0, "null", "null"))));
    }

    @Test
    void csvByAcceptHeaderOrFormatParameter() {
        var ccpa = csv("/api/v1/officer/reports/ccpa?year=2026", "text/csv");
        assertThat(ccpa)
                .isEqualTo("year,request,offered,received,complied_in_whole_or_in_part,denied,median_days_to_respond,"
                        + "mean_days_to_respond\r\n"
                        + "2026,know,true,4,2,1,10.0,15.0\r\n"
                        + "2026,delete,true,2,2,0,48.0,48.0\r\n"
                        + "2026,correct,false,0,0,0,,\r\n"
                        + "2026,opt-out-of-sale-sharing,true,1,1,0,1.0,1.0\r\n");

        var report = csv("/api/v1/officer/reports?from=2025-12-01&to=2026-02-01&format=csv", "*/*");
        assertThat(report)
                .startsWith("period,jurisdiction,received,completed,refused,cancelled,open,on_time,on_time_rate,"
                        + "extended,median_days_to_close,p90_days_to_close\r\n"
                        + "2025-12,EU,3,3,0,0,0,2,0.6667,1,35.0,39.0\r\n")
                .contains("2026-01,EU,4,0,2,1,1,0,,0,5.5,5.9\r\n")
                .contains("total,total,18,11,4,1,2,9,0.8182,3,10.0,43.6\r\n\r\n"
                        + "jurisdiction,refusal_reason,refused\r\nEU,Identity could not be verified,2\r\n")
                .endsWith("system,failed,agent_retries,worker_retries\r\ncrm,1,1,4\r\norders,2,1,6\r\n");
    }

    @Test
    void badParametersAreProblems() {
        for (var query : new String[] {
            "?from=2026-13-01",
            "?from=2026-02-01&to=2026-01-01",
            "?from=1999-12-31",
            "?from=2000-01-01&to=2011-01-01",
            "?period=week",
            "?jurisdiction=Europe",
            "?jurisdiction=USA-CALIF",
            "?format=xml",
            "/ccpa?year=26",
            "/ccpa?year=2999",
            "/ccpa?format=pdf"
        }) {
            http.get()
                    .uri("/api/v1/officer/reports" + query)
                    .header("Authorization", "Bearer " + OFFICER)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/invalid-request");
        }
    }

    @Test
    void onlyThePrivacyOfficer() {
        for (var path : new String[] {"/api/v1/officer/reports", "/api/v1/officer/reports/ccpa?year=2026"}) {
            for (var token : new String[] {
                tokens.withRoles("agent-1", "support-agent"),
                tokens.withRoles("person-1", "data-subject"),
                tokens.withRoles("partner-demo", "partner")
            }) {
                http.get()
                        .uri(path)
                        .header("Authorization", "Bearer " + token)
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
    }

    private JsonNode get(String uri) {
        var body = http.get()
                .uri(uri)
                .header("Authorization", "Bearer " + OFFICER)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readTree(body);
    }

    private String csv(String uri, String accept) {
        return http.get()
                .uri(uri)
                .header("Authorization", "Bearer " + OFFICER)
                .header("Accept", accept)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectHeader()
                .valueMatches("Content-Disposition", "attachment; filename=\".+\\.csv\"")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode tree(String text) {
        return json.readTree(text);
    }

    private static String row(
            String period,
            String jurisdiction,
            int received,
            int completed,
            int refused,
            int cancelled,
            int open,
            int onTime,
            String onTimeRate,
            int extended,
            String median,
            String p90) {
        return """
                {"period": "%s", "jurisdiction": "%s", "received": %d, "completed": %d, "refused": %d,
                 "cancelled": %d, "open": %d, "onTime": %d, "onTimeRate": %s, "extended": %d,
                 "medianDaysToClose": %s, "p90DaysToClose": %s}""".formatted(
                        period,
                        jurisdiction,
                        received,
                        completed,
                        refused,
                        cancelled,
                        open,
                        onTime,
                        onTimeRate,
                        extended,
                        median,
                        p90);
    }

    private static String ccpa(
            String request, boolean offered, int received, int complied, int denied, String median, String mean) {
        return """
                {"request": "%s", "offered": %s, "received": %d, "compliedInWholeOrInPart": %d, "denied": %d,
                 "medianDaysToRespond": %s, "meanDaysToRespond": %s}""".formatted(request, offered, received, complied, denied, median, mean);
    }

    /**
     * A request as the lifecycle would have left it: due {@code dueDays} after receipt (after the extension when
     * {@code extended}), closed {@code closedAfterDays} after receipt unless open.
     */
    private UUID request(
            String jurisdiction,
            String regime,
            String type,
            String status,
            String received,
            int dueDays,
            @Nullable Double closedAfterDays,
            boolean extended,
            @Nullable String refusalReason,
            @Nullable String purpose) {
        var id = UUID.randomUUID();
        var receivedAt = Instant.parse(received);
        var dueAt = receivedAt.plus(Duration.ofDays(dueDays));
        var closedAt = closedAfterDays == null
                ? null
                : receivedAt.plus(Duration.ofMinutes(Math.round(closedAfterDays * 24 * 60)));
        db.sql("""
                        insert into rights_request (id, subject_id, subject_locale, jurisdiction, type, status,
                            received_at, due_at, due_date, due_zone, regime, due_rule, due_provisional, due_soon_at,
                            extended_at, extension_reason, original_due_at, refusal_reason, closed_at, updated_at,
                            purpose)
                        values (:id, :subject, 'en', :jurisdiction, :type, :status, :received, :due, :dueDate, 'UTC',
                            :regime, 'seeded', false, :due, :extendedAt, :extensionReason, :originalDue, :refusal,
                            :closed, :received, :purpose)""")
                .bind("id", id)
                .bind("subject", newSubject())
                .bind("jurisdiction", jurisdiction)
                .bind("type", type)
                .bind("status", status)
                .bind("received", receivedAt)
                .bind("due", dueAt)
                .bind("dueDate", dueAt.atOffset(ZoneOffset.UTC).toLocalDate())
                .bind("regime", regime)
                .bind(
                        "extendedAt",
                        Parameter.fromOrEmpty(extended ? receivedAt.plus(Duration.ofDays(5)) : null, Instant.class))
                .bind("extensionReason", Parameter.fromOrEmpty(extended ? "complex" : null, String.class))
                .bind(
                        "originalDue",
                        Parameter.fromOrEmpty(extended ? receivedAt.plus(Duration.ofDays(31)) : null, Instant.class))
                .bind("refusal", Parameter.fromOrEmpty(refusalReason, String.class))
                .bind("closed", Parameter.fromOrEmpty(closedAt, Instant.class))
                .bind("purpose", Parameter.fromOrEmpty(purpose, String.class))
                .then()
                .block();
        return id;
    }

    private void task(UUID request, String system, String status, @Nullable Integer attempts) {
        db.sql("""
                        insert into request_task (id, request_id, system_id, action, phase, status, attempts)
                        values (:id, :request, :system, 'ERASE', 1, :status, :attempts)""")
                .bind("id", UUID.randomUUID())
                .bind("request", request)
                .bind("system", system)
                .bind("status", status)
                .bind("attempts", Parameter.fromOrEmpty(attempts, Integer.class))
                .then()
                .block();
    }
}
