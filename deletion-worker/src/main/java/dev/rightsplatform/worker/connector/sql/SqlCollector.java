package dev.rightsplatform.worker.connector.sql;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.connector.collection.PartDocument;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * COLLECT from an sql system: each collect query's rows become its category's records, streamed into the upload as
 * the database sends them (fetched {@link #FETCH_SIZE} rows at a time, never all at once). All queries of one task
 * read in one read-only, repeatable-read transaction: one consistent picture of the person.
 */
final class SqlCollector {

    /** Rows asked of the database at a time; the rest wait in the database until the upload takes these. */
    static final int FETCH_SIZE = 256;

    private final String systemId;

    private final Map<String, String> queries;

    private final DatabaseClient db;

    private final TransactionalOperator readOnly;

    private final PartUploader uploader;

    private final RowJson rows;

    private final JsonMapper json;

    private final Function<Throwable, ConnectorOutcome> judge;

    /** @param judge how the connector judges a database failure (refused or worth retrying) */
    SqlCollector(
            String systemId,
            Map<String, String> queries,
            DatabaseClient db,
            TransactionalOperator readOnly,
            PartUploader uploader,
            JsonMapper json,
            Function<Throwable, ConnectorOutcome> judge) {
        this.systemId = systemId;
        this.queries = queries;
        this.db = db;
        this.readOnly = readOnly;
        this.uploader = uploader;
        this.rows = new RowJson(json);
        this.json = json;
        this.judge = judge;
    }

    Mono<ConnectorOutcome> collect(TaskRequest request) {
        Flux<DataBuffer> part =
                PartDocument.write(categories(request), this.json).as(this.readOnly::transactional);
        return this.uploader
                .collect(request, upload -> upload.send(part))
                .timeout(this.uploader.timeout())
                .onErrorResume(failure -> Mono.just(
                        failure instanceof TimeoutException
                                ? new ConnectorOutcome.Retryable(
                                        "COLLECT from " + this.systemId + " did not finish within "
                                                + this.uploader.timeout() + " (worker.collections.timeout)")
                                : this.judge.apply(failure)));
    }

    private List<PartDocument.Category> categories(TaskRequest request) {
        return this.queries.entrySet().stream()
                .map(query -> new PartDocument.Category(query.getKey(), rows(query.getValue(), request)))
                .toList();
    }

    private Flux<byte[]> rows(String query, TaskRequest request) {
        return SqlConnector.bind(this.db, query, request)
                .filter(statement -> statement.fetchSize(FETCH_SIZE))
                .map(this.rows::write)
                .all();
    }

    Duration timeout() {
        return this.uploader.timeout();
    }
}
