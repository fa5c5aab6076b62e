package dev.rightsplatform.worker.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.SystemDefinition;
import dev.rightsplatform.worker.connector.SystemSettings;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.connector.collection.CollectionProperties;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import dev.rightsplatform.worker.connector.collection.ServiceTokens;
import dev.rightsplatform.worker.connector.keycloak.KeycloakProperties;
import dev.rightsplatform.worker.support.DownstreamDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sql connector against a real PostgreSQL database the test creates (worker_downstream_test): the statements of
 * one task commit together or not at all, proof.deleted counts their rows, and the pre-check reads one row.
 */
class SqlConnectorIntegrationTests {

    private static final List<String> ERASE = List.of(
            "DELETE FROM orders WHERE customer_id = :userId",
            "UPDATE invoices SET customer_name = 'anonymised' WHERE customer_id = :userId"
                    + " AND customer_name <> 'anonymised'",
            "DELETE FROM customers WHERE id = :userId");

    private static final String PRECHECK = "SELECT balance = 0 AS can_close, CASE WHEN balance <> 0 THEN"
            + " 'outstanding balance' END AS reason FROM customers WHERE id = :userId";

    private final String userId = "user-" + UUID.randomUUID();

    private Connector connector = connector(DownstreamDatabase.R2DBC_URL, ERASE);

    @BeforeAll
    static void createDatabase() throws Exception {
        DownstreamDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DownstreamDatabase.drop();
    }

    @AfterEach
    void closePool() {
        this.connector.close();
    }

    @Test
    void eraseRunsEveryStatementInOneTransactionAndCountsTheRows() throws Exception {
        DownstreamDatabase.customer(this.userId, 3, 2, 0);

        ConnectorOutcome outcome = run(Action.ERASE);

        assertThat(outcome)
                .isEqualTo(new ConnectorOutcome.Done(
                        "ledger: 6 row(s) changed in one transaction", null, Proof.deleted(6), List.of()));
        assertThat(DownstreamDatabase.count("orders", "customer_id", this.userId))
                .isZero();
        assertThat(DownstreamDatabase.count("customers", "id", this.userId)).isZero();
        assertThat(DownstreamDatabase.count("invoices", "customer_id", this.userId))
                .as("kept by law")
                .isEqualTo(2);
        assertThat(DownstreamDatabase.namedInvoices(this.userId))
                .as("but anonymised")
                .isZero();
        assertThat(run(Action.ERASE))
                .as("a repeat changes nothing more")
                .isEqualTo(new ConnectorOutcome.Done(
                        "ledger: 0 row(s) changed in one transaction", null, Proof.deleted(0), List.of()));
    }

    @Test
    void aStatementThatFailsUndoesTheOnesBeforeIt() throws Exception {
        DownstreamDatabase.customer(this.userId, 3, 0, 0);
        this.connector.close();
        this.connector = connector(
                DownstreamDatabase.R2DBC_URL, List.of(ERASE.get(0), "DELETE FROM no_such_table WHERE id = :userId"));

        ConnectorOutcome outcome = run(Action.ERASE);

        assertThat(outcome)
                .isEqualTo(new ConnectorOutcome.Rejected(
                        "ledger refused the statements (BadSqlGrammarException, SQLState 42P01)"));
        assertThat(DownstreamDatabase.count("orders", "customer_id", this.userId))
                .as("rolled back")
                .isEqualTo(3);
    }

    @Test
    void thePrecheckReadsCanCloseAndTheReason() throws Exception {
        String owing = "user-" + UUID.randomUUID();
        DownstreamDatabase.customer(this.userId, 1, 0, 0);
        DownstreamDatabase.customer(owing, 1, 0, 25);

        assertThat(run(Action.PRECHECK))
                .isEqualTo(new ConnectorOutcome.Done("ledger: the account may be closed", null));
        assertThat(this.connector.precheck(request(Action.PRECHECK, owing)).block(Duration.ofSeconds(20)))
                .isEqualTo(new ConnectorOutcome.Blocked("outstanding balance"));
    }

    @Test
    void aPrecheckWithoutItsOneRowIsARefusal() {
        assertThat(run(Action.PRECHECK))
                .isEqualTo(new ConnectorOutcome.Rejected(
                        "the precheck-statement of ledger returned 0 rows; it must return one row"));
    }

    @Test
    void anUnreachableDatabaseIsRetryable() {
        this.connector.close();
        this.connector = connector("r2dbc:postgresql://127.0.0.1:1/nowhere", ERASE);

        ConnectorOutcome outcome = run(Action.ERASE);

        assertThat(outcome).isInstanceOf(ConnectorOutcome.Retryable.class);
        assertThat(((ConnectorOutcome.Retryable) outcome).reason()).doesNotContain(this.userId);
    }

    @Test
    void disableIsNotSomethingASqlSystemDoes() {
        assertThat(run(Action.DISABLE))
                .isEqualTo(new ConnectorOutcome.Rejected("system ledger (type sql) does not support DISABLE"));
    }

    private ConnectorOutcome run(Action action) {
        return this.connector.carryOut(request(action, this.userId)).block(Duration.ofSeconds(20));
    }

    private static TaskRequest request(Action action, String userId) {
        return new TaskRequest(UUID.randomUUID(), UUID.randomUUID(), "ledger", action, userId, Instant.now(), null);
    }

    /** Built as the worker builds it: the registry entry bound by the connector type. */
    private static Connector connector(String url, List<String> statements) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("platform.systems.ledger.r2dbc-url", url);
        entry.put("platform.systems.ledger.username", "postgres");
        entry.put("platform.systems.ledger.password", "unused-with-trust-authentication");
        for (int i = 0; i < statements.size(); i++) {
            entry.put("platform.systems.ledger.erase-statements[" + i + "]", statements.get(i));
        }
        entry.put("platform.systems.ledger.precheck-statement", PRECHECK);
        SystemSettings settings = new SystemSettings("sql", 2, true, Duration.ofSeconds(5));
        JsonMapper json = JsonMapper.builder().build();
        PartUploader uploader = new PartUploader(
                new CollectionProperties(URI.create("http://127.0.0.1:1/unused"), Duration.ofSeconds(5)),
                new ServiceTokens(
                        new KeycloakProperties(
                                URI.create("http://127.0.0.1:1"),
                                "rights",
                                "deletion-worker",
                                "unused",
                                Duration.ofSeconds(1)),
                        json),
                json);
        return new SqlConnectorType(uploader, json)
                .create(new SystemDefinition(
                        "ledger", settings, new Binder(new MapConfigurationPropertySource(entry))));
    }
}
