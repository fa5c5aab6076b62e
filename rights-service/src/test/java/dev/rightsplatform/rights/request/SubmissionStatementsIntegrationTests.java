package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import dev.rightsplatform.rights.support.StatementLog;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many SQL statements one submission costs, counted in its transaction: a regression here means a submission
 * started writing rows again that it had already written.
 */
@Import(StatementLog.Config.class)
class SubmissionStatementsIntegrationTests extends AbstractRightsIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(SubmissionStatementsIntegrationTests.class);

    @Autowired
    StatementLog statements;

    @Autowired
    JsonMapper json;

    @Test
    void aDeregistrationIsAcceptedInOneTransactionOfAFewStatements() {
        statements.clear();
        submitDeregistration();

        var submissions = statements.transactionsWith("insert into rights_request");
        assertThat(submissions).hasSize(1);
        var sql = submissions.get(0).statements();
        log.info(
                "submission: {} statements, {} of them on rights_request\n{}",
                sql.size(),
                sql.stream().filter(s -> s.contains("rights_request")).count(),
                String.join("\n---\n", sql));
        assertThat(sql)
                .as("the request's row is written once: decided in memory, then inserted")
                .filteredOn(statement -> statement.contains("rights_request"))
                .hasSize(1);
        assertThat(sql)
                .as("the tasks are inserted once, those of the first step already sent out")
                .filteredOn(statement -> statement.contains("request_task") && !statement.startsWith("select"))
                .hasSize(1);
        assertThat(sql)
                .as("the audit entries (received, started, dispatched) in one call; the messages in one insert")
                .filteredOn(statement -> statement.contains("audit_append") || statement.contains("outbox_message"))
                .hasSize(2);
        // 24 before the workflow had one entry point (the row written three times, the tasks read back), 15 before
        // the audit entries and messages were written behind (one statement each per command) and the tasks inserted
        // as they are sent; now: request, tasks, partner lookup, audit, outbox, and the answer's read of the tasks
        assertThat(sql).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void aResultThatEndsAStepIsRecordedAndTheNextStepSentOutInAFewStatements() {
        submitDeregistration();
        var disable = json.readTree(body(receive(observedTasks, 1).get(0)));
        statements.clear();

        publishResult(Map.of(
                "taskId", disable.get("taskId").asString(),
                "requestId", disable.get("requestId").asString(),
                "systemId", disable.get("systemId").asString(),
                "action", "DISABLE",
                "outcome", "DONE",
                "attempts", 1,
                "completedAt", Instant.now().toString()));
        assertThat(receive(observedTasks, 2))
                .as("the erasures of the next step")
                .hasSize(2);

        var results = statements.transactionsWith("with answered as");
        assertThat(results).hasSize(1);
        var sql = results.get(0).statements();
        log.info("result: {} statements\n{}", sql.size(), String.join("\n---\n", sql));
        assertThat(sql)
                .as("the answer is recorded and the tasks read back in one statement; the next step sent in one update")
                .filteredOn(statement -> statement.startsWith("update request_task"))
                .hasSize(1);
        assertThat(sql)
                .filteredOn(statement -> statement.contains("audit_append") || statement.contains("outbox_message"))
                .hasSize(2);
        // find the task, lock its request, record + read, send the next step, audit, messages
        assertThat(sql).hasSizeLessThanOrEqualTo(6);
    }

    private void submitDeregistration() {
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }
}
