package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several replicas, shown (infra/README.md, "Running several replicas"): two processes each of rights-service,
 * deletion-worker, notification-service and the gateway ({@link Platform.Options#REPLICAS}) on one PostgreSQL
 * database per service, one RabbitMQ vhost, one Redis and one S3 bucket (S3Mock). A batch of requests of every type,
 * half through each gateway (so each rights-service replica takes submissions), completes, and every piece of work is
 * done once although two replicas could each have done it: each mail is sent once, each downstream system is called
 * once per person and action, each cooling-off ends once, each deadline alert is raised once, each outbox row is
 * published once. An export archive written by one rights-service replica is downloaded through the other after the
 * writer has stopped.
 */
@PlatformExtension.Replicated
@ExtendWith(PlatformExtension.class)
class ReplicasSystemTests {

    private static final Logger log = LoggerFactory.getLogger(ReplicasSystemTests.class);
    /** Requests of each kind in the batch: 4 kinds, 28 requests, 28 people. */
    private static final int EACH = 7;

    private static final String RIGHTS_DB = "jdbc:postgresql://127.0.0.1:5432/rights_systest";
    private static final String NOTIFICATION_DB = "jdbc:postgresql://127.0.0.1:5432/notification_systest";
    /** The systems that process data for the purpose withdrawn ({@link Platform#PURPOSES}). */
    private static final String PURPOSE = "marketing";

    private static Platform platform;
    private static List<GatewayApi> gateways;

    /** One request of the batch: who, what, and through which gateway it was asked. */
    record Submitted(KeycloakAccounts.Person person, String type, String requestId, int gateway) {}

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        assertThat(running.rights2)
                .as("the platform runs two replicas of each service")
                .isNotNull();
        gateways = List.of(
                new GatewayApi(running, running.gateway().baseUrl()),
                new GatewayApi(running, running.gateway2.baseUrl()));
        warmUp();
    }

    /** A first call through each gateway and replica, before the batch: cold JVMs answer their first calls slowly. */
    private static void warmUp() {
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);
        for (var api : gateways) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() ->
                            api.call("GET", "/api/v1/requests", token, null).statusCode() == 200);
        }
        platform.keycloak.delete(person);
    }

    @Test
    void twoReplicasOfEveryServiceDoEachPieceOfWorkOnceAndShareTheExports() throws Exception {
        var batch = submitBatch();
        var ids = batch.stream().map(Submitted::requestId).toList();
        assertThat(batch.stream()
                        .collect(Collectors.groupingBy(
                                Submitted::type, Collectors.mapping(Submitted::gateway, Collectors.toSet())))
                        .values())
                .as("both gateways (and so both rights-service replicas) took requests of each kind")
                .allSatisfy(used -> assertThat(used).containsExactlyInAnyOrder(0, 1));

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> RightsDatabase.count(ids, "COMPLETED") == ids.size());

        everyDownstreamTaskRanOnce(batch);
        everyCoolingOffEndedOnce(batch);
        everyDeadlineAlertWasRaisedOnce(batch);
        everyMailWasSentOnce(batch);
        everyOutboxRowWasPublishedOnce();
        anExportWrittenByOneReplicaIsDownloadedThroughTheOther(batch);
    }

    /**
     * {@link #EACH} deregistrations, accesses, exports and consent withdrawals, each by its own person, submitted
     * four at a time, each kind alternately through the two gateways. Each deregistration's due-soon and due dates are moved
     * into the past as soon as it is received, while its cooling-off holds it open: both replicas' deadline scanners
     * then find the same alerts due.
     */
    private static List<Submitted> submitBatch() throws Exception {
        var kinds = List.of("DEREGISTER", "ACCESS", "EXPORT", "WITHDRAW_CONSENT");
        var calls = new ArrayList<Callable<Submitted>>();
        for (int i = 0; i < kinds.size() * EACH; i++) {
            var type = kinds.get(i % kinds.size());
            // each kind alternately through the two gateways (0, 1, 0, 1, then 1, 0, 1, 0 …)
            var gateway = (i + i / kinds.size()) % 2;
            calls.add(() -> submit(type, gateway));
        }
        var pool = Executors.newFixedThreadPool(4);
        try {
            var batch = new ArrayList<Submitted>();
            for (var future : pool.invokeAll(calls)) {
                batch.add(future.get());
            }
            return batch;
        } finally {
            pool.shutdown();
        }
    }

    private static Submitted submit(String type, int gateway) throws Exception {
        var api = gateways.get(gateway);
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);
        String requestId;
        if (type.equals("WITHDRAW_CONSENT")) {
            var granted = api.call("POST", "/api/v1/consents/" + PURPOSE, token, "{\"noticeVersion\":\"1\"}");
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            var withdrawn = api.call("POST", "/api/v1/consents/" + PURPOSE + "/withdraw", token, null);
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(202);
            requestId = api.json(withdrawn).get("requestId").asText();
        } else {
            var submitted = api.call("POST", "/api/v1/requests", token, "{\"type\":\"" + type + "\"}");
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            requestId = api.json(submitted).get("id").asText();
        }
        if (type.equals("DEREGISTER")) {
            update(
                    RIGHTS_DB,
                    "update rights_request set due_soon_at = now() - interval '2 minutes', due_at = now() - interval"
                            + " '1 minute' where id = ?::uuid",
                    requestId);
        }
        return new Submitted(person, type, requestId, gateway);
    }

    /** Every system a request reaches got exactly one signed call for the person, whichever worker replica sent it. */
    private static void everyDownstreamTaskRanOnce(List<Submitted> batch) {
        for (var submitted : batch) {
            var userId = submitted.person().id();
            switch (submitted.type()) {
                case "DEREGISTER" -> {
                    for (var system : platform.systems.values()) {
                        assertThat(system.callsMentioning(userId))
                                .as("%s erased %s once", system.name, submitted.requestId())
                                .singleElement()
                                .satisfies(call ->
                                        assertThat(call.signatureValid()).isTrue());
                    }
                    assertThat(platform.keycloak.exists(userId))
                            .as("the account is deleted")
                            .isFalse();
                }
                case "ACCESS", "EXPORT" -> {
                    for (var name : Platform.DATA_SYSTEMS) {
                        assertThat(FakeDownstreamSystem.mentioning(platform.systems.get(name).collectCalls, userId))
                                .as("%s collected for %s once", name, submitted.requestId())
                                .hasSize(1);
                    }
                }
                default -> {
                    for (var entry : Platform.PURPOSES.entrySet()) {
                        var calls = FakeDownstreamSystem.mentioning(
                                platform.systems.get(entry.getKey()).withdrawCalls, userId);
                        assertThat(calls)
                                .as("%s heard of %s's withdrawal", entry.getKey(), submitted.requestId())
                                .hasSize(entry.getValue().contains(PURPOSE) ? 1 : 0);
                    }
                }
            }
        }
    }

    /** Both replicas' scanners look for ended cooling-offs every second; each one ended once. */
    private static void everyCoolingOffEndedOnce(List<Submitted> batch) {
        var deregistrations = idsOf(batch, "DEREGISTER");
        assertThat(auditCounts(deregistrations, "request.cooling-off-ended"))
                .as("cooling-off ended, per deregistration")
                .containsOnlyKeys(deregistrations)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        assertThat(auditCounts(deregistrations, "request.cooling-off-started"))
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    /**
     * The deregistrations made due soon and overdue: each alert raised once, by one replica; and each of their tasks,
     * due no later than the request, escalated once.
     */
    private static void everyDeadlineAlertWasRaisedOnce(List<Submitted> batch) {
        var deregistrations = idsOf(batch, "DEREGISTER");
        for (var alert : List.of("request.due-soon", "request.overdue")) {
            assertThat(auditCounts(deregistrations, alert))
                    .as("%s per deregistration", alert)
                    .containsOnlyKeys(deregistrations)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        }
        assertThat(query(
                        RIGHTS_DB,
                        "select count(*) from rights_request where id::text = any(?) and (due_soon_raised_at is null"
                                + " or overdue_raised_at is null)",
                        deregistrations))
                .isEqualTo(List.of(Map.of("count", 0L)));
        assertThat(query(
                        RIGHTS_DB,
                        "select request_id::text, detail, count(*) from audit_entry where request_id::text = any(?)"
                                + " and action = 'request.task-overdue' group by 1, 2 having count(*) > 1",
                        deregistrations))
                .as("no late task escalated twice")
                .isEmpty();
    }

    /**
     * Each event that mails its person was sent once: GreenMail received exactly one mail per event the notification
     * replicas logged as sent, and no person got the same mail twice.
     */
    private static void everyMailWasSentOnce(List<Submitted> batch) {
        var ids = batch.stream().map(Submitted::requestId).toList();
        // the last mails of each request (completed, export ready) are out
        for (var submitted : batch) {
            var last = submitted.type().equals("EXPORT") ? "ready to download" : "carried out";
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> gateways.get(0).mailsTo(submitted.person().email()).stream()
                            .map(GatewayApi::subject)
                            .anyMatch(subject -> subject.contains(submitted.requestId()) && subject.contains(last)));
        }
        var sent = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> query(
                                NOTIFICATION_DB,
                                "select count(*) from delivery_log where request_id::text = any(?) and status = 'SENT'",
                                ids),
                        // the persons' mails, and the agents' alerts about these requests (due soon, overdue, a
                        // late system) to the team's address: both are logged as SENT
                        rows -> rows.get(0)
                                .get("count")
                                .equals((long) mailsTo(batch).size() + alertsAbout(ids)));
        log.info("{} mails for {} requests, each sent once", sent.get(0).get("count"), ids.size());
        for (var submitted : batch) {
            var subjects = gateways.get(0).mailsTo(submitted.person().email()).stream()
                    .map(GatewayApi::subject)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(subjects)
                    .as("each mail %s's person got, once", submitted.requestId())
                    .isNotEmpty()
                    .allSatisfy(
                            (subject, count) -> assertThat(count).as(subject).isEqualTo(1));
        }
        assertThat(query(
                        NOTIFICATION_DB,
                        "select request_id::text, event_type, count(*) from delivery_log where request_id::text = any(?)"
                                + " and event_type <> 'request.task-overdue' group by 1, 2 having count(*) > 1",
                        ids))
                .as("no event of a request came twice to the notification replicas (alerts to agents included)")
                .isEmpty();
        // one task-overdue per late task, as many as rights-service escalated
        var deregistrations = idsOf(batch, "DEREGISTER");
        var lateTasks = auditCounts(deregistrations, "request.task-overdue");
        var taskAlerts = new HashMap<String, Long>();
        for (var row : query(
                NOTIFICATION_DB,
                "select request_id::text as id, count(*) as count from delivery_log where request_id::text = any(?)"
                        + " and event_type = 'request.task-overdue' group by 1",
                deregistrations)) {
            taskAlerts.put((String) row.get("id"), (Long) row.get("count"));
        }
        assertThat(taskAlerts).as("task-overdue alerts received per request").isEqualTo(lateTasks);
        assertThat(query(
                        NOTIFICATION_DB,
                        "select count(*) from delivery_log where request_id::text = any(?) and status <> 'SENT'"
                                + " and status <> 'SKIPPED'",
                        ids))
                .as("no delivery left unfinished or failed")
                .isEqualTo(List.of(Map.of("count", 0L)));
    }

    /** The alert mails the privacy team's address got about any of {@code ids} (their subject names the request). */
    private static long alertsAbout(List<String> ids) {
        return gateways.get(0).mailsTo(Platform.AGENTS_ADDRESS).stream()
                .map(GatewayApi::subject)
                .filter(subject -> ids.stream().anyMatch(subject::contains))
                .count();
    }

    private static List<Object> mailsTo(List<Submitted> batch) {
        var all = new ArrayList<Object>();
        for (var submitted : batch) {
            all.addAll(gateways.get(0).mailsTo(submitted.person().email()));
        }
        return all;
    }

    /** Both replicas' relays claim outbox rows; each row went out once (one attempt, published). */
    private static void everyOutboxRowWasPublishedOnce() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> query(RIGHTS_DB, "select count(*) from outbox_message where status <> 'PUBLISHED'")
                        .equals(List.of(Map.of("count", 0L))));
        var rows = query(RIGHTS_DB, "select attempts, count(*) from outbox_message group by attempts");
        log.info("outbox rows by attempts: {}", rows);
        assertThat(rows).as("every outbox row published at its first attempt").hasSize(1);
        assertThat(rows.get(0).get("attempts")).isEqualTo(1);
        assertThat((Long) rows.get(0).get("count")).isGreaterThan(0L);
    }

    /**
     * The replica that built an export archive (its log says so) stops; the archive is then downloaded through the
     * other gateway, in front of the other replica, from the shared bucket, and is whole. Every other export is
     * downloaded through that replica too.
     */
    private static void anExportWrittenByOneReplicaIsDownloadedThroughTheOther(List<Submitted> batch) throws Exception {
        var exports = batch.stream().filter(s -> s.type().equals("EXPORT")).toList();
        var builtBy = new HashMap<String, ServiceProcess>();
        for (var export : exports) {
            builtBy.put(export.requestId(), builder(export.requestId()));
        }
        log.info(
                "exports built by {}",
                builtBy.entrySet().stream()
                        .collect(Collectors.groupingBy(entry -> entry.getValue().name, Collectors.counting())));
        var writer = builtBy.get(exports.get(0).requestId());
        var other = writer == platform.rights ? platform.rights2 : platform.rights;
        var otherGateway = writer == platform.rights ? gateways.get(1) : gateways.get(0);
        writer.close();
        assertThat(writer.alive()).as("the writer has stopped").isFalse();

        for (var export : exports) {
            var token = platform.keycloak.accessToken(export.person());
            var link =
                    otherGateway.call("POST", "/api/v1/requests/" + export.requestId() + "/export-link", token, null);
            assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
            var href = otherGateway.json(link).get("href").asText();
            var download = otherGateway.download(href, token);
            assertThat(download.statusCode())
                    .as(
                            "%s, built by %s, downloaded through %s",
                            export.requestId(), builtBy.get(export.requestId()).name, other.name)
                    .isEqualTo(200);
            var files = unzip(download.body());
            assertThat(files).containsKeys("manifest.json", "index.html", "systems/crm.json");
            assertThat(new String(files.get("systems/crm.json"), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(export.person().id());
        }
        assertThat(other.alive()).as("%s served them all", other.name).isTrue();
    }

    /** The rights-service replica whose log says it built the request's export archive. */
    private static ServiceProcess builder(String requestId) {
        var line = "export of request " + requestId + " is ready";
        var builders = List.of(platform.rights, platform.rights2).stream()
                .filter(replica -> logOf(replica).contains(line))
                .toList();
        assertThat(builders).as("one replica built %s", requestId).hasSize(1);
        return builders.get(0);
    }

    /** The replica's log of this run. */
    private static String logOf(ServiceProcess replica) {
        try {
            var bytes = Files.readAllBytes(replica.log);
            return new String(
                    bytes,
                    (int) replica.logStart,
                    bytes.length - (int) replica.logStart,
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> idsOf(List<Submitted> batch, String type) {
        return batch.stream()
                .filter(s -> s.type().equals(type))
                .map(Submitted::requestId)
                .toList();
    }

    /** How many audit entries of {@code action} each request has (requests with none left out). */
    private static Map<String, Long> auditCounts(List<String> requestIds, String action) {
        var counts = new HashMap<String, Long>();
        for (var row : query(
                RIGHTS_DB,
                "select request_id::text as id, count(*) as count from audit_entry where request_id::text = any(?)"
                        + " and action = '" + action + "' group by request_id",
                requestIds)) {
            counts.put((String) row.get("id"), (Long) row.get("count"));
        }
        return counts;
    }

    private static List<Map<String, Object>> query(String url, String sql, Object... parameters) {
        try (var connection = DriverManager.getConnection(url, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                var parameter = parameters[i];
                if (parameter instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            var rows = statement.executeQuery();
            var all = new ArrayList<Map<String, Object>>();
            var columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                var row = new HashMap<String, Object>();
                for (int c = 1; c <= columns; c++) {
                    row.put(rows.getMetaData().getColumnLabel(c), rows.getObject(c));
                }
                all.add(row);
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String url, String sql, String id) {
        try (var connection = DriverManager.getConnection(url, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var files = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
