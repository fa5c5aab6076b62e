package dev.rightsplatform.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A webhook system that answers "accepted" and reports later on /callbacks/{systemId}/{taskId}, signed with its
 * secret: the report settles the task once, a forged or stale one is refused, and no report by the due time fails it.
 */
class HttpCallbackIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final String DONE_REPORT = """
            {"status":"done","reference":"waiter-77","deleted":2,"anonymised":1,"retained":1,
             "retention":[{"category":"invoices","basis":"PRC Accounting Archives Measures Art. 14","until":"2035-12-31"}]}
            """;

    private final FakeSystem waiter = fakes.system(FakeSystems.WAITER);

    @Test
    void aSignedReportSettlesTheTaskOnceWithItsProof() throws Exception {
        TestTask task = accepted();

        HttpResponse<String> first = post(task, "waiter", DONE_REPORT, this.waiter.secret(), Instant.now());
        JsonNode result = awaitResult(task);
        HttpResponse<String> again = post(
                task,
                "waiter",
                "{\"status\":\"failed\",\"detail\":\"changed my mind\"}",
                this.waiter.secret(),
                Instant.now());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("recorded");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already settled");
        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("systemReference").asString()).isEqualTo("waiter-77");
        assertThat(result.path("proof").path("deleted").asInt()).isEqualTo(2);
        assertThat(result.path("retention").get(0).path("category").asString()).isEqualTo("invoices");
        // stays at one result while a duplicate would have had time to arrive
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> {
            this.results.drain();
            return this.results.resultsFor(task.taskId()).size() == 1;
        });
        assertThat(execution(task.taskId()).publishPending()).isFalse();
    }

    @Test
    void aReportedFailureFailsTheTaskWithTheSystemsWords() throws Exception {
        TestTask task = accepted();

        post(
                task,
                "waiter",
                "{\"status\":\"failed\",\"detail\":\"account is under legal investigation\"}",
                this.waiter.secret(),
                Instant.now());

        assertThat(awaitResult(task).path("detail").asString())
                .isEqualTo("waiter reported failure: account is under legal investigation");
    }

    @Test
    void aForgedStaleOrUnsignedReportIsRefusedAndChangesNothing() throws Exception {
        TestTask task = accepted();

        HttpResponse<String> forged = post(task, "waiter", DONE_REPORT, "not-the-secret", Instant.now());
        HttpResponse<String> stale = post(
                task, "waiter", DONE_REPORT, this.waiter.secret(), Instant.now().minus(Duration.ofMinutes(10)));
        HttpResponse<String> unsigned = post(task, "waiter", DONE_REPORT, null, Instant.now());

        for (HttpResponse<String> refused : List.of(forged, stale, unsigned)) {
            assertUnauthenticated(refused);
        }
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    void aSignedReportReplayedOntoAnotherTaskIsRefusedAndThatTaskIsUnchanged() throws Exception {
        TestTask signedFor = accepted();
        TestTask other = accepted();
        Instant at = Instant.now();
        String signature = FakeSystem.callbackSignature(
                this.waiter.secret(), "waiter", signedFor.taskId(), at.getEpochSecond(), bytes(DONE_REPORT));

        HttpResponse<String> replayed = post(other.taskId(), "waiter", DONE_REPORT, at, signature);

        assertUnauthenticated(replayed);
        assertThat(execution(other.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
        assertThat(execution(other.taskId()).systemReference()).isEqualTo("job-1");
        // the same report, where it was meant to go, is genuine
        assertThat(post(signedFor.taskId(), "waiter", DONE_REPORT, at, signature)
                        .statusCode())
                .isEqualTo(200);
        assertThat(awaitResult(signedFor).path("outcome").asString()).isEqualTo("DONE");
        assertThat(execution(other.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    void aSignedReportReplayedOntoAnotherSystemIsRefused() throws Exception {
        TestTask task = accepted();
        Instant at = Instant.now();
        String signature = FakeSystem.callbackSignature(
                this.waiter.secret(), "waiter", task.taskId(), at.getEpochSecond(), bytes(DONE_REPORT));

        assertUnauthenticated(post(task.taskId(), FakeSystems.ARCHIVE, DONE_REPORT, at, signature));
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    void aTamperedTimestampOrBodyIsRefused() throws Exception {
        TestTask task = accepted();
        Instant at = Instant.now();
        String signature = FakeSystem.callbackSignature(
                this.waiter.secret(), "waiter", task.taskId(), at.getEpochSecond(), bytes(DONE_REPORT));

        assertUnauthenticated(post(task.taskId(), "waiter", DONE_REPORT, at.plusSeconds(1), signature));
        assertUnauthenticated(
                post(task.taskId(), "waiter", DONE_REPORT.replace("\"deleted\":2", "\"deleted\":0"), at, signature));
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    void aReportSignedTheOldWayIsRefusedSayingHowToSignIt() throws Exception {
        TestTask task = accepted();
        Instant at = Instant.now();
        String oldWay = FakeSystem.callSignature(this.waiter.secret(), at.getEpochSecond(), bytes(DONE_REPORT));

        HttpResponse<String> refused = post(task.taskId(), "waiter", DONE_REPORT, at, oldWay);

        assertUnauthenticated(refused);
        assertThat(this.json.readTree(refused.body()).path("detail").asString()).contains("must be signed v2");
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    void aReportOnAnotherSystemsTaskIsNotFound() throws Exception {
        TestTask other = TestTask.erase("crm");
        send(other);
        awaitResult(other);

        HttpResponse<String> response = post(other, "waiter", DONE_REPORT, this.waiter.secret(), Instant.now());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(this.json.readTree(response.body()).path("type").asString()).isEqualTo("/problems/unknown-task");
    }

    @Test
    void anUnreadableOrMalformedReportIsABadRequestProblem() throws Exception {
        TestTask task = accepted();

        HttpResponse<String> unknownStatus =
                post(task, "waiter", "{\"status\":\"maybe\"}", this.waiter.secret(), Instant.now());
        HttpResponse<String> malformed =
                post(task, "waiter", "{\"status\":\"done\",", this.waiter.secret(), Instant.now());
        HttpResponse<String> notAnObject = post(task, "waiter", "[\"done\"]", this.waiter.secret(), Instant.now());

        for (HttpResponse<String> refused : List.of(unknownStatus, malformed, notAnObject)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(this.json.readTree(refused.body()).path("type").asString())
                    .isEqualTo("/problems/callback-unreadable");
        }
        assertThat(this.json.readTree(malformed.body()).path("detail").asString())
                .isEqualTo("the body is not a JSON object");
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    void noReportBeforeTheDueTimeFailsTheTask() {
        this.waiter.replyWith(Reply.json(202, "{\"status\":\"accepted\"}"));
        TestTask task = TestTask.erase("waiter").dueAt(Instant.now().plusSeconds(1));

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString()).isEqualTo("no callback before due time");
        assertThat(this.waiter.callsFor(task.taskId())).hasSize(1);
    }

    /** A task the waiter system accepted; the worker now waits for its report. */
    private TestTask accepted() {
        this.waiter.replyWith(Reply.json(202, "{\"status\":\"accepted\",\"reference\":\"job-1\"}"));
        TestTask task = TestTask.erase("waiter");
        send(task);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> this.executions
                        .find(task.taskId())
                        .blockOptional(Duration.ofSeconds(5))
                        .map(row -> row.status() == ExecutionStatus.WAITING)
                        .orElse(false));
        this.results.drain();
        assertThat(this.results.resultsFor(task.taskId()))
                .as("no result while waiting")
                .isEmpty();
        return task;
    }

    /** Posts a report as the system would, signed with secret at the given time (unsigned when secret is null). */
    private void assertUnauthenticated(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = this.json.readTree(refused.body());
        assertThat(problem.path("type").asString()).isEqualTo("/problems/callback-unauthenticated");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("waiter-77");
    }

    /** Posts a report as systemId would, signed with secret for the task (unsigned when secret is null). */
    private static HttpResponse<String> post(
            TestTask task, String systemId, String body, @Nullable String secret, Instant at) throws Exception {
        String signature = (secret != null)
                ? FakeSystem.callbackSignature(secret, systemId, task.taskId(), at.getEpochSecond(), bytes(body))
                : null;
        return post(task.taskId(), systemId, body, at, signature);
    }

    /** Posts a report to the callback URL of systemId and taskId with the given signature (none when null). */
    private static HttpResponse<String> post(
            UUID taskId, String systemId, String body, Instant at, @Nullable String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(workerUrl() + "/callbacks/" + systemId + "/" + taskId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (signature != null) {
            request.header("X-Rights-Timestamp", Long.toString(at.getEpochSecond()))
                    .header("X-Rights-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
