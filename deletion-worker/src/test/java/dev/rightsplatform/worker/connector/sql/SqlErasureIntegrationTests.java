package dev.rightsplatform.worker.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.DownstreamDatabase;
import dev.rightsplatform.worker.support.TestTask;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole worker erases a person from the registry's sql system "ledger" and reports the rows as proof. */
class SqlErasureIntegrationTests extends AbstractWorkerIntegrationTests {

    @BeforeAll
    static void createDatabase() throws Exception {
        DownstreamDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DownstreamDatabase.drop();
    }

    @Test
    void aTaskForTheSqlSystemErasesInOneTransactionAndReportsTheCount() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        DownstreamDatabase.customer(userId, 2, 1, 0);
        TestTask task = TestTask.erase("ledger").forUser(userId);

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("proof").path("deleted").asInt()).isEqualTo(4);
        assertThat(DownstreamDatabase.count("customers", "id", userId)).isZero();
        assertThat(result.toString()).doesNotContain(userId);
    }

    @Test
    void aPrecheckOfTheSqlSystemBlocksAnAccountThatOwes() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        DownstreamDatabase.customer(userId, 0, 0, 40);
        TestTask task = TestTask.erase("ledger").forUser(userId).withAction("PRECHECK");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("BLOCKED");
        assertThat(result.path("detail").asString()).isEqualTo("outstanding balance");
    }
}
