package dev.rightsplatform.worker.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.AsyncApiSchemas;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.GeneratedPart;
import dev.rightsplatform.worker.support.MemoryWatch;
import dev.rightsplatform.worker.support.ResultInbox;
import dev.rightsplatform.worker.support.TestTask;
import dev.rightsplatform.worker.support.UploadReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * COLLECT through the whole worker from the http system "archive", whose part is generated on the fly, to the test's
 * stand-in for rights-service, which checks the worker's Keycloak token and hashes what arrives.
 */
class HttpCollectIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(HttpCollectIntegrationTests.class);

    /** The large part: far more than the memory the worker may use for it (overridable: -Dcollect.part-mb=200). */
    private static final long PART_BYTES = Long.getLong("collect.part-mb", 64) * 1024 * 1024;

    /** The most any kind of memory may grow while the large part passes. */
    private static final long MEMORY_BOUND = 24L * 1024 * 1024;

    private final FakeSystem archive = fakes.system(FakeSystems.ARCHIVE);

    private final Schema taskResult = AsyncApiSchemas.schema("TaskResult");

    @Test
    void aLargePartIsStreamedToRightsServiceWithoutTheWorkerHoldingIt() {
        GeneratedPart part = GeneratedPart.ofSize(PART_BYTES, 1024);
        this.archive.collectPart(part);
        TestTask task = TestTask.collect("archive");
        assertThat(MemoryWatch.nettyMeasured())
                .as("Netty's allocator reports its direct memory")
                .isTrue();

        long started = System.nanoTime();
        MemoryWatch.Growth growth;
        JsonNode result;
        long receivedBefore = receiver.bytesReceived();
        try (MemoryWatch watch = MemoryWatch.start(50, () -> receiver.bytesReceived() - receivedBefore)) {
            send(task);
            result = ResultInbox.body(this.results
                    .await(task.taskId(), 1, Duration.ofSeconds(120))
                    .get(0));
            growth = watch.stop();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "COLLECT of a {} MiB part: {} ms; memory grew at most: heap {} KiB, Netty direct {} KiB, JDK direct"
                        + " {} KiB ({} samples)",
                PART_BYTES >> 20,
                millis,
                growth.heap() >> 10,
                growth.nettyDirect() >> 10,
                growth.jdkDirect() >> 10,
                growth.samples());

        GeneratedPart.Sent sent = this.archive.sentParts().get(0);
        UploadReceiver.Upload upload = receiver.uploadsFor(task.taskId()).get(0);
        assertThat(result.path("outcome").asString()).as(result.toString()).isEqualTo("DONE");
        assertThat(upload.tokenProblem())
                .as("the worker's token, checked against Keycloak")
                .isNull();
        assertThat(upload.documentProblem()).isNull();
        assertThat(upload.bytes()).isEqualTo(sent.bytes()).isGreaterThan(PART_BYTES * 95 / 100);
        assertThat(upload.sha256()).as("what arrived is what the system sent").isEqualTo(sent.sha256());
        assertThat(upload.records())
                .containsExactly(Map.entry("profile", 1L), Map.entry("messages", part.records() - 1));
        JsonNode collected = result.path("collected");
        assertThat(collected.path("bytes").asLong()).isEqualTo(sent.bytes());
        assertThat(collected.path("sha256").asString()).isEqualTo(sent.sha256());
        assertThat(collected.path("records").asLong()).isEqualTo(part.records());
        assertThat(collected.path("categories")).extracting(JsonNode::asString).containsExactly("profile", "messages");
        assertThat(result.path("proof").isNull()).isTrue();
        assertThat(this.taskResult.validate(result)).isEmpty();
        assertThat(growth.progress())
                .as("memory was sampled while the part passed")
                .filteredOn(received -> received > 0 && received < sent.bytes())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(growth.heap()).as("live heap growth").isLessThan(MEMORY_BOUND);
        assertThat(growth.nettyDirect()).as("Netty direct memory growth").isLessThan(MEMORY_BOUND);
        assertThat(growth.jdkDirect()).as("JDK direct buffer growth").isLessThan(MEMORY_BOUND);
    }

    @Test
    void theCollectCallIsSignedAndCarriesTheTaskOnly() {
        TestTask task = TestTask.collect("archive");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(this.archive.callsFor(task.taskId())).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/archive/collect");
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.body().propertyNames()).containsExactly("taskId", "requestId", "action", "subject");
            assertThat(call.body().path("action").asString()).isEqualTo("COLLECT");
            assertThat(call.body().path("subject").path("userId").asString()).isEqualTo(task.userId());
        });
        assertThat(result.toString()).doesNotContain(task.userId());
    }

    @Test
    void anUploadAnswered503IsRetriedAndUploadedAgain() {
        receiver.replyWith(503);
        TestTask task = TestTask.collect("archive");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.uploadsFor(task.taskId()))
                .extracting(UploadReceiver.Upload::answered)
                .containsExactly(503, 200);
        assertThat(this.archive.callsFor(task.taskId())).hasSize(2);
        assertThat(result.path("collected").path("sha256").asString())
                .isEqualTo(this.archive.sentParts().get(1).sha256());
    }

    @Test
    void anUploadAnswered400FailsAtOnceWithoutItsBody() {
        receiver.replyWith(400);
        TestTask task = TestTask.collect("archive");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString()).isEqualTo("rights-service refused the part of archive (HTTP 400)");
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(result.path("collected").isNull()).isTrue();
        assertThat(receiver.uploadsFor(task.taskId())).hasSize(1);
        assertThat(this.taskResult.validate(result)).isEmpty();
    }

    @Test
    void aTokenRightsServiceRefusesFails() {
        receiver.replyWith(403);
        TestTask task = TestTask.collect("archive");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString()).isEqualTo("rights-service refused the worker's token (403)");
    }

    @Test
    void aSystemThatAnswersAcceptedFailsWithoutUpload() {
        this.archive.replyToCollect(Reply.json(202, "{\"status\":\"accepted\"}"));
        TestTask task = TestTask.collect("archive");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString())
                .isEqualTo("archive answered HTTP 202 to COLLECT, but COLLECT"
                        + " must be answered at once with the part (accepted is not supported)");
        assertThat(receiver.uploadsFor(task.taskId())).isEmpty();
    }

    @Test
    void aSystemThatIsUnavailableIsRetriedAndOneThatRefusesFails() {
        this.archive.replyToCollect(Reply.status(503), Reply.status(404));
        TestTask retried = TestTask.collect("archive");

        send(retried);
        JsonNode result = awaitResult(retried);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString()).isEqualTo("archive answered HTTP 404");
        assertThat(result.path("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.uploadsFor(retried.taskId())).isEmpty();
    }

    @Test
    void aRedeliveredCollectThatIsDonePublishesTheSameResultAgain() {
        TestTask task = TestTask.collect("archive");
        send(task);
        JsonNode first = awaitResult(task);

        send(task);
        List<JsonNode> both = this.results.await(task.taskId(), 2, Duration.ofSeconds(20)).stream()
                .map(ResultInbox::body)
                .toList();

        assertThat(both.get(1)).isEqualTo(first);
        assertThat(first.path("collected").path("records").asLong()).isEqualTo(3);
        assertThat(this.archive.callsFor(task.taskId())).hasSize(1);
        assertThat(receiver.uploadsFor(task.taskId())).hasSize(1);
    }

    @Test
    void aSystemWithoutCollectUrlAndTheAccountTypesRefuseCollect() {
        TestTask crm = TestTask.collect("crm");
        TestTask keycloak = TestTask.collect("keycloak");
        TestTask vendor = TestTask.collect("vendor");

        send(crm);
        send(keycloak);
        send(vendor);

        assertThat(awaitResult(crm).path("detail").asString())
                .isEqualTo("system crm (type http) has no collect-url, so it does not support COLLECT");
        assertThat(awaitResult(keycloak).path("detail").asString())
                .isEqualTo("system keycloak (type keycloak) does not support COLLECT");
        assertThat(awaitResult(vendor).path("detail").asString())
                .isEqualTo("system vendor (type opendsr) does not support COLLECT");
        assertThat(receiver.uploads()).isEmpty();
    }
}
