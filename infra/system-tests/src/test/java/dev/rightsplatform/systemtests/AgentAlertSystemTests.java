package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Agents' alerts end to end: rights-service raises them (a system that failed for good, due soon, overdue, a late
 * system), notification-service mails each one once to the privacy team's address (GreenMail), with a link to the
 * request in the console and nothing of the person, and the console's API lists them. Alerts raised while
 * notification-service is down arrive once it is back, each once, and what was mailed before is not mailed again.
 */
@ExtendWith(PlatformExtension.class)
class AgentAlertSystemTests {

    private static final String RIGHTS_DB = "jdbc:postgresql://127.0.0.1:5432/rights_systest";

    private static Platform platform;
    private static GatewayApi api;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        api = new GatewayApi(running);
    }

    @Test
    void eachAlertReachesTheTeamOnceAlsoAcrossARestartOfTheNotificationService() throws Exception {
        var billing = platform.systems.get("billing");
        var agent = platform.keycloak.agentToken();
        billing.failEveryCallWith(503);
        try {
            // a system that fails for good: its task is parked, the request waits for an agent, the team is told
            var first = platform.keycloak.newDataSubject("zh-CN");
            var stuck = submitDeregistration(first);
            var needsAttention = awaitOnlyAlert(stuck, "[Needs attention] Request " + stuck);
            var text = GatewayApi.mailText(needsAttention);
            assertThat(text)
                    .contains("a downstream system failed for good")
                    .contains("System:       billing")
                    .contains("Type:         Deregistration (close the account and erase)")
                    .contains(platform.gatewayUrl() + "/console/requests/" + stuck);
            assertNoPersonIn(needsAttention, first);
            assertThat(api.mailsTo(first.email()))
                    .as("the person is not mailed the agents' alert")
                    .noneMatch(mail -> GatewayApi.subject(mail).contains("Needs attention"));
            billing.recover();

            // notification-service goes down; meanwhile a request turns due soon, overdue, and a system is late
            platform.notification.kill9();
            platform.orders.answerAfter(Duration.ofSeconds(8));
            var second = platform.keycloak.newDataSubject("en");
            var late = submitDeregistration(second);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> update("""
                                    update request_task set due_at = now() - interval '1 minute'
                                     where request_id = ?::uuid and system_id = 'orders' and status = 'DISPATCHED'""", late) == 1);
            assertThat(update("""
                            update rights_request set due_soon_at = now() - interval '2 minutes',
                                   due_at = now() - interval '1 minute'
                             where id = ?::uuid and closed_at is null""", late)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> alertsRaised(late) == 3);
            assertThat(alertsTo(late))
                    .as("nobody mails while notification-service is down")
                    .isEmpty();

            platform.notification.restart(Duration.ofMinutes(4));

            var overdue = awaitOnlyAlert(late, "[Overdue] Request " + late);
            var dueSoon = awaitOnlyAlert(late, "[Due soon] Request " + late);
            var systemLate = awaitOnlyAlert(late, "[System overdue] orders, request " + late);
            assertThat(GatewayApi.mailText(systemLate))
                    .contains("System:       orders")
                    .contains(platform.gatewayUrl() + "/console/requests/" + late);
            assertThat(GatewayApi.mailText(overdue)).contains("past its legal due date");
            assertThat(GatewayApi.mailText(dueSoon)).contains("is due soon");
            for (var mail : List.of(overdue, dueSoon, systemLate)) {
                assertNoPersonIn(mail, second);
            }
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> alertsTo(late).size() == 3 && alertsTo(stuck).size() == 1);

            // the console's list has them, newest first
            var listed = api.call("GET", "/api/v1/agent/alerts?limit=50", agent, null);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            var items = StreamSupport.stream(api.json(listed).get("items").spliterator(), false)
                    .toList();
            assertThat(items.stream()
                            .filter(item -> item.get("requestId").asText().equals(late))
                            .map(item -> item.get("kind").asText())
                            .toList())
                    .containsExactlyInAnyOrder("DUE_SOON", "OVERDUE", "TASK_OVERDUE");
            assertThat(items.stream()
                            .filter(item -> item.get("requestId").asText().equals(stuck))
                            .map(item -> item.get("kind").asText() + ":"
                                    + item.get("systemId").asText())
                            .toList())
                    .containsExactly("NEEDS_ATTENTION:billing");
            var person = api.call(
                    "GET",
                    "/api/v1/agent/alerts",
                    platform.keycloak.accessToken(platform.keycloak.newDataSubject("en")),
                    null);
            assertThat(person.statusCode()).isEqualTo(403);
        } finally {
            billing.recover();
            platform.orders.answerAfter(Duration.ZERO);
            if (!platform.notification.alive()) {
                platform.notification.restart(Duration.ofMinutes(4));
            }
        }
    }

    private static String submitDeregistration(KeycloakAccounts.Person person) throws Exception {
        var submitted = api.call(
                "POST", "/api/v1/requests", platform.keycloak.accessToken(person), "{\"type\":\"DEREGISTER\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return api.json(submitted).get("id").asText();
    }

    /** Waits for the team's mail with this subject, then makes sure no second one follows. */
    private static MimeMessage awaitOnlyAlert(String requestId, String subject) {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> alertsTo(requestId).stream()
                        .anyMatch(mail -> GatewayApi.subject(mail).equals(subject)));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> alertsTo(requestId).stream()
                                .filter(mail -> GatewayApi.subject(mail).equals(subject))
                                .count()
                        == 1);
        return alertsTo(requestId).stream()
                .filter(mail -> GatewayApi.subject(mail).equals(subject))
                .findFirst()
                .orElseThrow();
    }

    /** The team's alerts about the request (the subject names it). */
    private static List<MimeMessage> alertsTo(String requestId) {
        return api.mailsTo(Platform.AGENTS_ADDRESS).stream()
                .filter(mail -> GatewayApi.subject(mail).contains(requestId))
                .toList();
    }

    private static void assertNoPersonIn(MimeMessage mail, KeycloakAccounts.Person person) throws Exception {
        var text = GatewayApi.mailText(mail);
        for (var value : List.of(person.email(), person.username(), person.id())) {
            assertThat(text).doesNotContain(value);
            assertThat(GatewayApi.subject(mail)).doesNotContain(value);
        }
        assertThat(text).doesNotContain("@");
        assertThat(java.util.Arrays.toString(mail.getAllRecipients())).isEqualTo("[" + Platform.AGENTS_ADDRESS + "]");
    }

    /** How many alerts rights-service raised about the request (its audit trail). */
    private static int alertsRaised(String requestId) throws SQLException {
        try (var connection = DriverManager.getConnection(RIGHTS_DB, "postgres", "");
                var statement = connection.prepareStatement("""
                        select count(*) from audit_entry where request_id = ?::uuid
                           and action in ('request.due-soon', 'request.overdue', 'request.task-overdue')""")) {
            statement.setString(1, requestId);
            var rows = statement.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Moves a request's clock (its due times) in rights-service's database, as time passing would. */
    private static int update(String sql, String requestId) throws SQLException {
        try (var connection = DriverManager.getConnection(RIGHTS_DB, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, requestId);
            return statement.executeUpdate();
        }
    }
}
