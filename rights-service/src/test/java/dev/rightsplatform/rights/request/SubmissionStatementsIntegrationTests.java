package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import dev.rightsplatform.rights.support.StatementLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

/**
 * How many SQL statements one submission costs, counted in its transaction: a regression here means a submission
 * started writing rows again that it had already written.
 */
@Import(StatementLog.Config.class)
class SubmissionStatementsIntegrationTests extends AbstractRightsIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(SubmissionStatementsIntegrationTests.class);

    @Autowired
    StatementLog statements;

    @Test
    void aDeregistrationIsAcceptedInOneTransactionOfAFewStatements() {
        statements.clear();
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

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
        // 24 before the workflow had one entry point (the row written three times, the tasks read back)
        assertThat(sql).hasSizeLessThanOrEqualTo(21);
    }
}
