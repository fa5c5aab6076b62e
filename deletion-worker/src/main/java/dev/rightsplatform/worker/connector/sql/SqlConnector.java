package dev.rightsplatform.worker.connector.sql;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.r2dbc.BadSqlGrammarException;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the operator's statements for a task against the system's database. All erase (or withdraw) statements of
 * one task run in one transaction, so a failure leaves nothing half done and the retry starts clean; proof.deleted
 * is the sum of the erase statements' update counts. Failures are described by exception type and SQLState only:
 * database messages can quote the values of the row (and so the subject).
 */
final class SqlConnector implements Connector {

    private static final Pattern TASK_ID = Pattern.compile(":taskId\\b");

    private static final Pattern PURPOSE = Pattern.compile(":purpose\\b");

    private final String systemId;

    private final ConnectionPool pool;

    private final DatabaseClient db;

    private final TransactionalOperator transactional;

    private final SqlStatements statements;

    private final Duration timeout;

    private final @Nullable SqlCollector collector;

    /** uploader: where collected parts go; null when the system has no collect-queries. */
    SqlConnector(
            String systemId,
            ConnectionPool pool,
            SqlStatements statements,
            Duration timeout,
            @Nullable PartUploader uploader,
            JsonMapper json) {
        this.systemId = systemId;
        this.pool = pool;
        this.db = DatabaseClient.create(pool);
        this.transactional = TransactionalOperator.create(new R2dbcTransactionManager(pool));
        this.statements = statements;
        this.timeout = timeout;
        this.collector = (uploader != null && !statements.collect().isEmpty())
                ? new SqlCollector(
                        systemId, statements.collect(), this.db, readOnly(pool), uploader, json, this::outcomeOf)
                : null;
    }

    private static TransactionalOperator readOnly(ConnectionPool pool) {
        R2dbcTransactionManager manager = new R2dbcTransactionManager(pool);
        manager.setEnforceReadOnly(true);
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setReadOnly(true);
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return TransactionalOperator.create(manager, definition);
    }

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public Mono<ConnectorOutcome> erase(TaskRequest request) {
        return inOneTransaction(this.statements.erase(), request)
                .map(changed -> (ConnectorOutcome) new ConnectorOutcome.Done(
                        this.systemId + ": " + changed + " row(s) changed in one transaction",
                        null,
                        Proof.deleted((int) Math.min(changed, Integer.MAX_VALUE)),
                        List.of()))
                .timeout(this.timeout)
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    /** The withdraw-statements in one transaction, with :purpose bound where used; no proof (nothing is erased). */
    @Override
    public Mono<ConnectorOutcome> withdraw(TaskRequest request) {
        if (this.statements.withdraw().isEmpty()) {
            return Mono.just(missing("withdraw-statements", Action.WITHDRAW));
        }
        return inOneTransaction(this.statements.withdraw(), request)
                .map(changed -> (ConnectorOutcome) new ConnectorOutcome.Done(
                        this.systemId + ": " + changed + " row(s) changed in one transaction", null))
                .timeout(this.timeout)
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    @Override
    public Mono<ConnectorOutcome> collect(TaskRequest request) {
        SqlCollector collecting = this.collector;
        return (collecting != null)
                ? collecting.collect(request)
                : Mono.just(missing("collect-queries", Action.COLLECT));
    }

    private Mono<Long> inOneTransaction(List<String> statements, TaskRequest request) {
        return Flux.fromIterable(statements)
                .concatMap(
                        statement -> bind(this.db, statement, request).fetch().rowsUpdated())
                .reduce(0L, Long::sum)
                .as(this.transactional::transactional);
    }

    private ConnectorOutcome missing(String key, Action action) {
        return new ConnectorOutcome.Rejected(
                "system " + this.systemId + " (type sql) has no " + key + ", so it does not support " + action);
    }

    /** One row: can_close (boolean), and reason (text) when it cannot. */
    @Override
    public Mono<ConnectorOutcome> precheck(TaskRequest request) {
        String statement = this.statements.precheck();
        if (statement == null) {
            return Mono.just(missing("precheck-statement", Action.PRECHECK));
        }
        return bind(this.db, statement, request)
                .map((row, metadata) -> new Answer(
                        row.get("can_close", Boolean.class),
                        metadata.contains("reason") ? row.get("reason", String.class) : null))
                .all()
                .take(2)
                .collectList()
                .map(this::precheckOutcome)
                .timeout(this.timeout)
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    private ConnectorOutcome precheckOutcome(List<Answer> rows) {
        if (rows.size() != 1 || rows.get(0).canClose() == null) {
            return new ConnectorOutcome.Rejected("the precheck-statement of " + this.systemId + " returned "
                    + (rows.size() == 1 ? "can_close NULL" : rows.size() + " rows") + "; it must return one row");
        }
        if (Boolean.TRUE.equals(rows.get(0).canClose())) {
            return new ConnectorOutcome.Done(this.systemId + ": the account may be closed", null);
        }
        String reason = rows.get(0).reason();
        return new ConnectorOutcome.Blocked(
                (reason != null && !reason.isBlank())
                        ? reason.strip()
                        : this.systemId + ": the account cannot be closed yet");
    }

    /** The statement with :userId bound, and :taskId and :purpose where it uses them. */
    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient db, String statement, TaskRequest request) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(statement).bind("userId", request.userId());
        if (TASK_ID.matcher(statement).find()) {
            spec = spec.bind("taskId", request.taskId());
        }
        if (PURPOSE.matcher(statement).find()) {
            String purpose = request.purpose();
            spec = (purpose != null) ? spec.bind("purpose", purpose) : spec.bindNull("purpose", String.class);
        }
        return spec;
    }

    ConnectorOutcome outcomeOf(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new ConnectorOutcome.Retryable("no answer from " + this.systemId + " within " + this.timeout);
        }
        String described = describe(failure);
        // Wrong statements, missing rights and constraint violations do not pass by themselves.
        if (failure instanceof BadSqlGrammarException
                || failure instanceof DataIntegrityViolationException
                || failure instanceof PermissionDeniedDataAccessException
                || failure instanceof InvalidDataAccessApiUsageException
                || failure instanceof R2dbcBadGrammarException
                || failure instanceof R2dbcDataIntegrityViolationException
                || failure instanceof R2dbcPermissionDeniedException) {
            return new ConnectorOutcome.Rejected(this.systemId + " refused the statements (" + described + ")");
        }
        return new ConnectorOutcome.Retryable("statements against " + this.systemId + " failed (" + described + ")");
    }

    private static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
                return failure.getClass().getSimpleName() + ", SQLState " + r2dbc.getSqlState();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** The system's timeout, or the longer COLLECT timeout when the system can collect. */
    @Override
    public Duration timeout() {
        SqlCollector collecting = this.collector;
        return (collecting != null && collecting.timeout().compareTo(this.timeout) > 0)
                ? collecting.timeout()
                : this.timeout;
    }

    @Override
    public void close() {
        this.pool.dispose();
    }

    @Override
    public String toString() {
        return "SqlConnector[" + this.systemId + "]";
    }

    private record Answer(
            @Nullable Boolean canClose, @Nullable String reason) {}
}
