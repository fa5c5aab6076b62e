package dev.rightsplatform.worker.connector.sql;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorType;
import dev.rightsplatform.worker.connector.ServedRequests;
import dev.rightsplatform.worker.connector.SystemDefinition;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Type {@code sql}: an in-house database the worker changes directly with the operator's statements. Each system
 * gets its own connection pool, as large as its concurrency, opened lazily so a database that is down does not
 * stop the worker from starting (its tasks are retried instead).
 */
@Component
class SqlConnectorType implements ConnectorType {

    /** A statement must name the subject, or it would change every row or none. */
    static final Pattern USER_ID = Pattern.compile(":userId\\b");

    /** A collect query reads: a SELECT (or a WITH ... SELECT); it also runs in a read-only transaction. */
    static final Pattern SELECT = Pattern.compile("^\\s*(select|with)\\b", Pattern.CASE_INSENSITIVE);

    private final PartUploader uploader;

    private final JsonMapper json;

    SqlConnectorType(PartUploader uploader, JsonMapper json) {
        this.uploader = uploader;
        this.json = json;
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public Connector create(SystemDefinition system) {
        SqlSettings settings = system.bind(SqlSettings.class);
        String url = required(system, "r2dbc-url", settings.r2dbcUrl());
        if (!url.startsWith("r2dbc:")) {
            throw system.invalid("r2dbc-url", "must be an R2DBC URL (r2dbc:postgresql://host:5432/database)");
        }
        String username = required(system, "username", settings.username());
        if (settings.password() == null) {
            throw system.invalid("password", "is required for a system of type sql (pass it through the environment)");
        }
        List<String> erase = settings.eraseStatements();
        if (erase.isEmpty()) {
            throw system.invalid("erase-statements", "must list at least one statement");
        }
        for (int i = 0; i < erase.size(); i++) {
            checkStatement(system, "erase-statements[" + i + "]", erase.get(i));
        }
        String precheck = settings.precheckStatement();
        if (precheck != null) {
            checkStatement(system, "precheck-statement", precheck);
        } else if (system.settings().precheck()) {
            throw system.invalid("precheck-statement", "is required when precheck is true");
        }
        SqlStatements statements = new SqlStatements(
                erase, precheck, collectQueries(system, settings), withdrawStatements(system, settings));
        return new SqlConnector(
                system.id(),
                pool(system, url, username, settings.password()),
                statements,
                system.settings().timeout(),
                statements.collect().isEmpty() ? null : this.uploader,
                this.json);
    }

    private Map<String, String> collectQueries(SystemDefinition system, SqlSettings settings) {
        ServedRequests served = system.served();
        Map<String, String> queries = settings.collectQueries();
        if (queries.isEmpty()) {
            if (served.collects()) {
                throw system.invalid("collect-queries", "is required because " + served.collectReason());
            }
            return queries;
        }
        queries.forEach((category, query) -> {
            String name = "collect-queries." + category;
            if (category.isBlank() || category.length() > Collected.MAX_CATEGORY) {
                throw system.invalid(name, "needs a category name of 1 to " + Collected.MAX_CATEGORY + " characters");
            }
            checkStatement(system, name, query);
            if (!SELECT.matcher(query).find()) {
                throw system.invalid(name, "must be one SELECT");
            }
        });
        this.uploader.requireCredentials(system.key("collect-queries"));
        return queries;
    }

    private static List<String> withdrawStatements(SystemDefinition system, SqlSettings settings) {
        ServedRequests served = system.served();
        List<String> withdraw = settings.withdrawStatements();
        if (withdraw.isEmpty() && served.withdraws()) {
            throw system.invalid("withdraw-statements", "is required because " + served.withdrawReason());
        }
        for (int i = 0; i < withdraw.size(); i++) {
            checkStatement(system, "withdraw-statements[" + i + "]", withdraw.get(i));
        }
        return withdraw;
    }

    private static ConnectionPool pool(SystemDefinition system, String url, String username, String password) {
        ConnectionFactory factory;
        try {
            factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(url)
                    .mutate()
                    .option(ConnectionFactoryOptions.USER, username)
                    .option(ConnectionFactoryOptions.PASSWORD, password)
                    .option(
                            ConnectionFactoryOptions.CONNECT_TIMEOUT,
                            system.settings().timeout())
                    .build());
        } catch (RuntimeException ex) {
            // The exception's message may quote the options; the type is enough to act on.
            throw system.invalid(
                    "r2dbc-url",
                    "names no database the worker has a driver for ("
                            + ex.getClass().getSimpleName() + ")");
        }
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("sql-" + system.id())
                .initialSize(0)
                .maxSize(system.settings().concurrency())
                .maxIdleTime(Duration.ofMinutes(5))
                .maxAcquireTime(system.settings().timeout())
                .build());
    }

    private static void checkStatement(SystemDefinition system, String name, @Nullable String statement) {
        if (statement == null || statement.isBlank()) {
            throw system.invalid(name, "must not be blank");
        }
        if (!USER_ID.matcher(statement).find()) {
            throw system.invalid(name, "must use the parameter :userId (the subject's account id)");
        }
    }

    private static String required(SystemDefinition system, String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw system.invalid(name, "is required for a system of type sql");
        }
        return value;
    }
}
