package dev.rightsplatform.worker.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.AsyncApiSchemas;
import dev.rightsplatform.worker.support.DownstreamDatabase;
import dev.rightsplatform.worker.support.TestTask;
import dev.rightsplatform.worker.support.UploadReceiver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * COLLECT and WITHDRAW through the whole worker against the registry's sql system "ledger" (a real PostgreSQL
 * database): its collect-queries' rows become the categories of the uploaded part, its withdraw-statements run with
 * the task's purpose.
 */
class SqlCollectIntegrationTests extends AbstractWorkerIntegrationTests {

    private final Schema taskResult = AsyncApiSchemas.schema("TaskResult");

    private final String userId = "user-" + UUID.randomUUID();

    @BeforeAll
    static void createDatabase() throws Exception {
        DownstreamDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DownstreamDatabase.drop();
    }

    @Test
    void theRowsOfEachCollectQueryBecomeACategoryOfThePart() throws Exception {
        byte[] photo = "a tiny photo \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        DownstreamDatabase.customer(this.userId, 2, 0, 7);
        DownstreamDatabase.profile(
                this.userId, photo, "2024-03-01T08:30:00Z", "{\"language\":\"zh-CN\",\"ads\":false}");
        DownstreamDatabase.customer("user-" + UUID.randomUUID(), 3, 0, 0); // someone else: not collected
        TestTask task = TestTask.collect("ledger").forUser(this.userId);

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).as(result.toString()).isEqualTo("DONE");
        assertThat(result.path("collected").path("records").asLong()).isEqualTo(3);
        assertThat(result.path("collected").path("categories"))
                .extracting(JsonNode::asString)
                .containsExactly("profile", "orders");
        assertThat(this.taskResult.validate(result)).isEmpty();
        assertThat(result.toString()).doesNotContain(this.userId).doesNotContain("Li Wei");
        UploadReceiver.Upload upload = receiver.uploadsFor(task.taskId()).get(0);
        assertThat(upload.tokenProblem()).isNull();
        assertThat(upload.documentProblem()).isNull();
        assertThat(result.path("collected").path("sha256").asString()).isEqualTo(upload.sha256());
        JsonNode profile = upload.document().path("categories").path("profile").get(0);
        assertThat(profile.path("id").asString()).isEqualTo(this.userId);
        assertThat(profile.path("name").asString()).isEqualTo("Li Wei");
        assertThat(profile.path("balance").isNumber()).isTrue();
        assertThat(profile.path("balance").decimalValue()).isEqualByComparingTo("7");
        assertThat(profile.path("joined_on").asString()).isEqualTo("2020-02-29");
        assertThat(Base64.getDecoder().decode(profile.path("photo").asString())).isEqualTo(photo);
        assertThat(profile.path("newsletter").isBoolean()).isTrue();
        assertThat(profile.path("last_seen").asString()).isEqualTo("2024-03-01T08:30:00Z");
        assertThat(profile.path("preferences").path("language").asString()).isEqualTo("zh-CN");
        JsonNode orders = upload.document().path("categories").path("orders");
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).path("total").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(orders.get(0).path("paid").booleanValue()).isFalse();
        assertThat(orders.get(0).path("placed_at").asString()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(orders.get(0).path("note").isNull()).isTrue();
    }

    @Test
    void aPersonTheSystemHoldsNothingAboutGetsEmptyCategories() {
        TestTask task = TestTask.collect("ledger");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("collected").path("records").asLong()).isZero();
        assertThat(receiver.uploadsFor(task.taskId()).get(0).document().toString())
                .isEqualTo("{\"categories\":{\"profile\":[],\"orders\":[]}}");
    }

    @Test
    void manyRowsArriveInFullAndInOrder() throws Exception {
        DownstreamDatabase.customer(this.userId, 3000, 0, 0);
        TestTask task = TestTask.collect("ledger").forUser(this.userId);

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("collected").path("records").asLong()).isEqualTo(3001);
        UploadReceiver.Upload upload = receiver.uploadsFor(task.taskId()).get(0);
        assertThat(upload.records()).containsEntry("orders", 3000L);
        JsonNode orders = upload.document().path("categories").path("orders");
        for (int i = 1; i < orders.size(); i++) {
            assertThat(orders.get(i).path("id").asLong())
                    .isGreaterThan(orders.get(i - 1).path("id").asLong());
        }
    }

    @Test
    void aWithdrawalTurnsOffTheConsentForItsPurposeOnly() throws Exception {
        DownstreamDatabase.customer(this.userId, 0, 0, 0);
        DownstreamDatabase.consents(this.userId, "marketing", "analytics");
        TestTask task = TestTask.withdraw("ledger", "marketing").forUser(this.userId);

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("detail").asString()).isEqualTo("ledger: 1 row(s) changed in one transaction");
        assertThat(result.path("proof").isNull()).isTrue();
        assertThat(this.taskResult.validate(result)).isEmpty();
        assertThat(DownstreamDatabase.granted(this.userId, "marketing")).isFalse();
        assertThat(DownstreamDatabase.granted(this.userId, "analytics")).isTrue();
    }
}
