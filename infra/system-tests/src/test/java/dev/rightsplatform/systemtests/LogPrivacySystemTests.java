package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No personal data in the services' logs (infra/README.md, "Observability": the services log ids, never addresses,
 * names or tokens). People with distinctive usernames, addresses and names go through every kind of request — a
 * deregistration to completion, access and export to completion (read and downloaded), a consent withdrawal, a request
 * without an account confirmed with its mailed code, and a public request with a malformed address — and then every
 * line the platform's services wrote in this run (target/service-logs, JSON lines) is searched for them,
 * case-insensitively, the addresses also URL-encoded, the access tokens too; and so is every span the services
 * exported. Keycloak's own log is not the platform's.
 */
@ExtendWith(PlatformExtension.class)
class LogPrivacySystemTests {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private static Platform platform;
    private static GatewayApi api;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        api = new GatewayApi(running);
    }

    @Test
    void noServiceLogsAnAddressNameUsernameOrTokenOfThePeopleItServes() throws Exception {
        var needles = new LinkedHashMap<String, String>();
        var leaving = person("en", needles, "deregistering person");
        var staying = person("zh-CN", needles, "access, export and consent person");
        var publicEmail = distinctive("zyxwqp") + "@zyxwq-public.example.com";
        needles.put(publicEmail, "address of a request without an account");
        needles.put(
                URLEncoder.encode(publicEmail, StandardCharsets.UTF_8),
                "URL-encoded address of a request without an account");
        var malformed = distinctive("zyxwqm") + "@@not-an-address";
        needles.put(malformed, "a malformed address submitted");

        var leavingToken = platform.keycloak.accessToken(leaving);
        var stayingToken = platform.keycloak.accessToken(staying);
        for (var token : List.of(leavingToken, stayingToken)) {
            needles.put(token.substring(token.lastIndexOf('.') + 1), "an access token's signature");
            needles.put(
                    token.substring(0, token.indexOf('.', token.indexOf('.') + 1)),
                    "an access token's header and claims");
        }

        var deregistration = submit(leavingToken, "DEREGISTER");
        var access = submit(stayingToken, "ACCESS");
        var export = submit(stayingToken, "EXPORT");
        assertThat(api.call("POST", "/api/v1/consents/marketing", stayingToken, "{\"noticeVersion\":\"2\"}")
                        .statusCode())
                .isEqualTo(200);
        var withdrawn = api.call("POST", "/api/v1/consents/marketing/withdraw", stayingToken, null);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(202);
        var withdrawal = api.json(withdrawn).get("requestId").asText();

        var publicSubmitted = api.call(
                "POST",
                "/api/v1/public/requests",
                null,
                "{\"type\":\"ACCESS\",\"email\":\"" + publicEmail + "\",\"jurisdiction\":\"DE\",\"locale\":\"en\"}");
        assertThat(publicSubmitted.statusCode()).as(publicSubmitted.body()).isEqualTo(202);
        var publicRequest = api.json(publicSubmitted).get("id").asText();
        var refused = api.call(
                "POST",
                "/api/v1/public/requests",
                null,
                "{\"type\":\"ACCESS\",\"email\":\"" + malformed + "\",\"locale\":\"en\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        var code = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> api.mailsTo(publicEmail).stream()
                                .map(GatewayApi::subject)
                                .map(CODE::matcher)
                                .filter(java.util.regex.Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        var wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(api.call(
                                "POST",
                                "/api/v1/public/requests/" + publicRequest + "/verify",
                                null,
                                "{\"code\":\"" + wrong + "\"}")
                        .statusCode())
                .isEqualTo(422);
        var verified = api.call(
                "POST", "/api/v1/public/requests/" + publicRequest + "/verify", null, "{\"code\":\"" + code + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(api.json(verified).get("status").asText()).isNotEqualTo("AWAITING_VERIFICATION");

        awaitStatus(access, stayingToken, "COMPLETED");
        assertThat(api.call("GET", "/api/v1/requests/" + access + "/data", stayingToken, null)
                        .statusCode())
                .isEqualTo(200);
        awaitStatus(export, stayingToken, "COMPLETED");
        var link = api.call("POST", "/api/v1/requests/" + export + "/export-link", stayingToken, null);
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        assertThat(api.download(api.json(link).get("href").asText(), stayingToken)
                        .statusCode())
                .isEqualTo(200);
        awaitStatus(withdrawal, stayingToken, "COMPLETED");
        awaitStatus(deregistration, leavingToken, "COMPLETED");
        // received, cooling-off started, carried out: the last mail of the deregistration has gone out
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.mailsTo(leaving.email()).size() >= 3);
        ServiceProcess.sleepQuietly(Duration.ofSeconds(2)); // the last lines of the last handlers

        var scanned = new ArrayList<String>();
        var leaks = new ArrayList<String>();
        var mentionsOfRequests = 0;
        for (var service : platform.services()) {
            var run = linesOfThisRun(service);
            var lines = run.lines();
            scanned.add(service.log.getFileName() + " (" + lines.size() + " lines)");
            for (int i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                var lower = line.toLowerCase(Locale.ROOT);
                if (lower.contains(deregistration) || lower.contains(publicRequest)) {
                    mentionsOfRequests++;
                }
                for (var needle : needles.entrySet()) {
                    if (lower.contains(needle.getKey().toLowerCase(Locale.ROOT))) {
                        leaks.add(service.log.getFileName() + " line " + (run.firstLine() + i) + " ("
                                + needle.getValue() + "): " + describe(line));
                    }
                }
            }
        }
        // the spans the services exported (names and attributes) hold none of it either
        var spans = platform.traces == null ? List.<TraceReceiver.Span>of() : platform.traces.all();
        for (var span : spans) {
            var text = (span.name() + " " + span.attributes()).toLowerCase(Locale.ROOT);
            for (var needle : needles.entrySet()) {
                if (text.contains(needle.getKey().toLowerCase(Locale.ROOT))) {
                    leaks.add("span of " + span.service() + " (" + needle.getValue() + "): "
                            + abbreviate(span.toString()));
                }
            }
        }
        scanned.add(spans.size() + " exported spans");
        assertThat(mentionsOfRequests)
                .as("the scan reads this run's lines: the services log the requests' ids (%s)", scanned)
                .isPositive();
        assertThat(leaks)
                .as("personal data in the services' logs or spans (scanned %s)", scanned)
                .isEmpty();
    }

    /** A person whose username, address and names appear nowhere else; each is a needle. */
    private static KeycloakAccounts.Person person(String locale, Map<String, String> needles, String who) {
        var username = distinctive("zyxwqu");
        var email = distinctive("zyxwqe") + "@zyxwq-mail.example.com";
        var first = "Zyxwqf" + distinctive("");
        var last = "Zyxwql" + distinctive("");
        needles.put(username, "username of the " + who);
        needles.put(email, "address of the " + who);
        needles.put(URLEncoder.encode(email, StandardCharsets.UTF_8), "URL-encoded address of the " + who);
        needles.put(first, "first name of the " + who);
        needles.put(last, "last name of the " + who);
        return platform.keycloak.newDataSubject(locale, username, email, first, last);
    }

    private static String distinctive(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String submit(String token, String type) throws Exception {
        var submitted = api.call("POST", "/api/v1/requests", token, "{\"type\":\"" + type + "\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return api.json(submitted).get("id").asText();
    }

    private static JsonNode awaitStatus(String requestId, String token, String status) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.json(api.call("GET", "/api/v1/requests/" + requestId, token, null)),
                        request -> status.equals(request.path("status").asText()));
    }

    /** The lines a service wrote in this run, and the line number in its file of the first. */
    private record RunLines(List<String> lines, int firstLine) {}

    /** The service's log from where it stood when the service started. */
    private static RunLines linesOfThisRun(ServiceProcess service) throws IOException {
        var bytes = Files.readAllBytes(service.log);
        var start = (int) Math.min(service.logStart, bytes.length);
        var before = 0;
        for (int i = 0; i < start; i++) {
            if (bytes[i] == '\n') {
                before++;
            }
        }
        var text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        return new RunLines(text.lines().toList(), before + 1);
    }

    /** An ECS line as its level, logger and message (the line itself when it is not JSON: a JVM's own output). */
    private static String describe(String line) {
        try {
            var json = GatewayApi.JSON.readTree(line);
            if (json.has("log") && json.has("message")) {
                return json.at("/log/level").asText() + " "
                        + json.at("/log/logger").asText() + ": "
                        + abbreviate(json.get("message").asText())
                        + (json.has("error")
                                ? " [error " + abbreviate(json.get("error").toString()) + "]"
                                : "");
            }
        } catch (IOException notJson) {
            // fall through
        }
        return abbreviate(line);
    }

    private static String abbreviate(String line) {
        return line.length() <= 600 ? line : line.substring(0, 600) + " …";
    }
}
