package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation of the platform's OpenAPI document, through the gateway, with malformed ids, query values,
 * headers and bodies: never a 5xx, every error an RFC 9457 problem with a {@code type} (the OpenDSR endpoints answer in
 * OpenDSR's own error shape, as its specification requires), and nothing stored.
 */
@ExtendWith(PlatformExtension.class)
class BadInputSystemTests {

    private static final Logger log = LoggerFactory.getLogger(BadInputSystemTests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Tables an accepted input would add to; their row counts must not move. (Not request_task: earlier tests' requests
     * may still be moving on in the background, and a task only ever follows a request.)
     */
    private static final List<String> TABLES = List.of(
            "rights_request",
            "request_note",
            "idempotency_key",
            "consent_event",
            "opendsr_request",
            "partner_link",
            "verification_code",
            "export_link");

    private static final List<String> BAD_IDS = List.of(
            "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g",
            "..%2F..%2Fetc",
            "%00",
            "'%20OR%201=1--",
            "%3Cscript%3E",
            "a".repeat(3000),
            "-1",
            "1e999",
            "%E2%80%AE",
            "%C0%AE%C0%AE",
            UUID.randomUUID().toString());
    private static final List<String> BAD_VALUES = List.of(
            "",
            "x",
            "-1",
            "99999999999999999999",
            "1e999",
            "true",
            "null",
            "'%20OR%201=1--",
            "%00",
            "%0d%0aX-Injected:%201",
            "%3Cscript%3E",
            "+999999999-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z",
            "a".repeat(3000),
            "%F0%9F%92%A9",
            "%ZZ");
    private static final List<String> BAD_BODIES = List.of(
            "",
            "{",
            "[]",
            "null",
            "1",
            "\"x\"",
            "{}",
            "{\"type\":1}",
            "{\"type\":true}",
            "{\"type\":[\"DEREGISTER\"]}",
            "{\"type\":{\"$ne\":null}}",
            "{\"type\":\"DEREGISTER\",\"type\":\"ACCESS\"}",
            "{\"type\":\"DEREGISTER\",\"unknown\":1}",
            "{\"type\":\"DEREGISTER\",\"jurisdiction\":\"' OR 1=1 --\"}",
            "{\"type\":\"EXPORT\\u0000\"}",
            "{\"text\":\"a\\u0000b\"}",
            "{\"reason\":\"\\u0000\"}",
            "{\"code\":1e999}",
            "{\"code\":\"\\u0000\"}",
            "{\"email\":\"<script>@x\",\"type\":\"ACCESS\"}",
            "{\"requestTypes\":\"ACCESS\"}",
            "{\"requestTypes\":[1]}",
            "{\"subject_request_id\":\"x\",\"regulation\":1}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"text\":\"" + "x".repeat(70_000) + "\"}",
            "\u0000\u0001\u0002",
            "{\"type\":\"DEREGISTER\"}garbage");
    private static final List<Map<String, String>> BAD_HEADERS = List.of(
            Map.of("Authorization", "Bearer garbage"),
            Map.of("Authorization", "Bearer " + "a".repeat(6000)),
            Map.of("Authorization", "Basic YWRtaW46YWRtaW4="),
            Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            Map.of("Accept-Language", "'; DROP TABLE rights_request; --"),
            Map.of("Accept", "text/x-nothing"),
            Map.of("Idempotency-Key", "k".repeat(2000)),
            Map.of("X-Request-Id", "\u00ff\u00fe"),
            Map.of("Content-Type", "text/plain"),
            Map.of("Sec-GPC", "maybe"));

    private static Platform platform;
    private static String person;
    private static String agent;
    private static String officer;
    private static String partner;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        person = platform.keycloak.accessToken(platform.keycloak.newDataSubject("en"));
        agent = platform.keycloak.agentToken();
        officer = platform.keycloak.officerToken();
        var client = platform.keycloak.newPartner();
        partner = platform.keycloak.clientToken(client.clientId(), client.secret());
    }

    @Test
    void everyOperationAnswersBadInputWithAProblemAndStoresNothing() throws Exception {
        var document = JSON.readTree(
                send("GET", "/api/v1/openapi", null, null, Map.of()).body());
        var before = counts();
        var started = System.nanoTime();
        var failures = new ArrayList<String>();
        var sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            if (path.getKey().startsWith("/internal/")) {
                continue; // not routed by the gateway: the worker's own intake
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations =
                            path.getValue().fields();
                    operations.hasNext(); ) {
                var operation = operations.next();
                var method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                for (var input : inputs(path.getKey(), method, operation.getValue())) {
                    HttpResponse<String> response;
                    try {
                        response = send(method, input.path(), tokenFor(path.getKey()), input.body(), input.headers());
                    } catch (IllegalArgumentException unsendable) {
                        continue; // a URI Java's client will not send (%ZZ); the gateway's own tests send such raw
                    } catch (java.net.http.HttpTimeoutException silent) {
                        // Seen once in five runs, not yet explained: logged by input so the next occurrence names it;
                        // a second silence on the same input is a failure.
                        log.warn("no answer within 30 s to {} {}; sending it once more", method, input);
                        try {
                            response =
                                    send(method, input.path(), tokenFor(path.getKey()), input.body(), input.headers());
                        } catch (java.net.http.HttpTimeoutException again) {
                            failures.add(method + " " + input + " -> no answer within 30 s, twice");
                            continue;
                        }
                    }
                    sent++;
                    check(method + " " + input, response, path.getKey(), failures);
                }
            }
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        log.info(
                "bad-input suite: {} inputs in {} s ({} failures)",
                sent,
                String.format("%.1f", seconds),
                failures.size());
        assertThat(failures)
                .as("answers that were a 5xx or not a problem with a type")
                .isEmpty();
        assertThat(counts()).as("nothing stored").isEqualTo(before);
        assertThat(sent).as("inputs sent").isGreaterThan(500);
    }

    /** One bad input: the path with its parameters filled, headers, and a body. */
    private record Input(String path, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            var shownBody = body == null ? "" : " body " + (body.length() > 60 ? body.substring(0, 60) + "…" : body);
            var shownPath = path.length() > 120 ? path.substring(0, 120) + "…" : path;
            return shownPath + " " + headers.keySet() + shownBody;
        }
    }

    private static List<Input> inputs(String template, String method, JsonNode operation) {
        var inputs = new ArrayList<Input>();
        var valid = fill(template, null);
        var params = operation.path("parameters");
        if (template.contains("{")) {
            for (var id : BAD_IDS) {
                inputs.add(new Input(fill(template, id), Map.of(), null));
            }
        }
        for (var param : params) {
            if ("query".equals(param.path("in").asText())) {
                for (var value : BAD_VALUES) {
                    inputs.add(new Input(valid + "?" + param.get("name").asText() + "=" + value, Map.of(), null));
                }
            }
        }
        for (var headers : BAD_HEADERS) {
            inputs.add(new Input(valid, headers, headers.containsKey("Content-Type") ? "{}" : null));
        }
        if (operation.has("requestBody") || !method.equals("GET") && !method.equals("DELETE")) {
            for (var body : BAD_BODIES) {
                inputs.add(new Input(valid, Map.of("Content-Type", "application/json"), body));
            }
        }
        return inputs;
    }

    /** The path with every parameter set to {@code value}, or to a fresh id that names nothing when null. */
    private static String fill(String template, String value) {
        return template.replaceAll(
                "\\{[^}]+}", value != null ? value : UUID.randomUUID().toString());
    }

    private static String tokenFor(String path) {
        if (path.startsWith("/api/v1/agent/")) {
            return agent;
        }
        if (path.startsWith("/api/v1/audit/")) {
            return officer;
        }
        if (path.startsWith("/opendsr/")) {
            return partner;
        }
        return person;
    }

    private static void check(String what, HttpResponse<String> response, String template, List<String> failures) {
        var status = response.statusCode();
        if (status >= 500) {
            failures.add(what + " -> " + status);
            return;
        }
        if (status < 400) {
            return;
        }
        var contentType = response.headers().firstValue("Content-Type").orElse("");
        try {
            var body = JSON.readTree(response.body());
            if (template.startsWith("/opendsr/") && contentType.startsWith("application/json") && body.has("error")) {
                return; // OpenDSR's own error shape, as its specification requires
            }
            if (!contentType.startsWith("application/problem+json")
                    || body.path("type").asText().isBlank()) {
                failures.add(what + " -> " + status + " " + contentType + " without a problem type");
            }
        } catch (Exception e) {
            failures.add(what + " -> " + status + " " + contentType + " unreadable body");
        }
    }

    private static HttpResponse<String> send(
            String method, String path, String token, String body, Map<String, String> headers) throws Exception {
        var builder =
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).timeout(Duration.ofSeconds(30));
        var all = new LinkedHashMap<String, String>();
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        all.putAll(headers);
        all.forEach((name, value) -> {
            try {
                builder.setHeader(name, value);
            } catch (IllegalArgumentException notSendable) {
                builder.setHeader(name, URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> counts() throws Exception {
        var counts = new LinkedHashMap<String, Long>();
        try (var connection =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/rights_systest", "postgres", "")) {
            for (var table : TABLES) {
                try (var rows = connection.createStatement().executeQuery("select count(*) from " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }
}
