package dev.rightsplatform.rights.report;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Computes a {@link ComplianceReport} with three aggregate queries over {@code rights_request} and
 * {@code request_task}: PostgreSQL counts and takes the percentiles, the service only receives the result rows (a few
 * hundred at most: 120 months times the jurisdictions). The scope (received in [from, to), optionally one
 * jurisdiction) is the same in all three; the SQL is assembled from fixed fragments only, every value is bound.
 */
@Component
class ComplianceReports {

    /** EU and UK group the GDPR and UK GDPR jurisdictions; every other request keeps its code (CN, US-CA, …). */
    private static final String AREA =
            "case regime when 'GDPR' then 'EU' when 'UK_GDPR' then 'UK' else jurisdiction end";

    private static final String DAYS = "extract(epoch from closed_at - received_at)::float8 / 86400";

    private static final String ANSWERED = "status in ('COMPLETED', 'REFUSED')";

    /** Memory per sort or hash of a report query (a constant: never input). */
    static final String WORK_MEM = "64MB";

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Clock clock;

    ComplianceReports(DatabaseClient db, TransactionalOperator transactional, Clock clock) {
        this.db = db;
        this.transactional = transactional;
        this.clock = clock;
    }

    Mono<ComplianceReport> report(ReportQuery query) {
        var generatedAt = clock.instant();
        return Mono.zip(rows(query), refusals(query), systems(query))
                .map(parts -> new ComplianceReport(
                        query.from(),
                        query.to(),
                        query.period().name().toLowerCase(java.util.Locale.ROOT),
                        query.jurisdiction() == null
                                ? null
                                : query.jurisdiction().name(),
                        generatedAt,
                        parts.getT1(),
                        parts.getT2(),
                        parts.getT3()));
    }

    private Mono<List<ComplianceReport.Row>> rows(ReportQuery query) {
        // measured over a million requests: this shape gets a parallel plan whose sorts fit in WORK_MEM; a narrower
        // scan (flags and days computed in the CTE) was planned serially and was slower
        var sql = """
                with scoped as (
                    select date_trunc(:unit, received_at at time zone 'UTC') as bucket, %s as area,
                           status, received_at, closed_at, due_at, extended_at
                    from rights_request where %s
                )
                select grouping(bucket, area) as total, bucket, area,
                       count(*) as received,
                       count(*) filter (where status = 'COMPLETED') as completed,
                       count(*) filter (where status = 'REFUSED') as refused,
                       count(*) filter (where status = 'CANCELLED') as cancelled,
                       count(*) filter (where status not in ('COMPLETED', 'REFUSED', 'CANCELLED')) as open,
                       count(*) filter (where status = 'COMPLETED' and closed_at <= due_at) as on_time,
                       count(*) filter (where extended_at is not null) as extended,
                       percentile_cont(0.5) within group (order by %s) filter (where %s) as median_days,
                       percentile_cont(0.9) within group (order by %s) filter (where %s) as p90_days
                from scoped
                group by grouping sets ((bucket, area), ())
                order by total, bucket, area""".formatted(area(query), scope(query), DAYS, ANSWERED, DAYS, ANSWERED);
        return roomy(bindScope(db.sql(sql).bind("unit", query.period().sqlUnit), query)
                .map(row -> toRow(row, query))
                .all());
    }

    private static ComplianceReport.Row toRow(Readable row, ReportQuery query) {
        boolean total = number(row, "total") != 0;
        var bucket = row.get("bucket", LocalDateTime.class);
        long completed = number(row, "completed");
        long onTime = number(row, "on_time");
        return new ComplianceReport.Row(
                total || bucket == null
                        ? ComplianceReport.TOTAL
                        : query.period().label(bucket.toLocalDate()),
                total ? ComplianceReport.TOTAL : text(row, "area"),
                number(row, "received"),
                completed,
                number(row, "refused"),
                number(row, "cancelled"),
                number(row, "open"),
                onTime,
                completed == 0 ? null : round((double) onTime / completed, 4),
                number(row, "extended"),
                days(row, "median_days"),
                days(row, "p90_days"));
    }

    private Mono<List<ComplianceReport.Refusals>> refusals(ReportQuery query) {
        var sql = """
                select %s as area, refusal_reason as reason, count(*) as n
                from rights_request where %s and status = 'REFUSED'
                group by 1, 2 order by 1, 3 desc, 2""".formatted(area(query), scope(query));
        return bindScope(db.sql(sql), query)
                .map(row -> new ComplianceReport.Refusals(
                        text(row, "area"), row.get("reason") == null ? "" : text(row, "reason"), number(row, "n")))
                .all()
                .collectList();
    }

    /**
     * Only tasks that failed, were blocked, superseded or took the worker more than one attempt count here, which is
     * what the partial index of V17 holds: the join reads those few, not every task of the range.
     */
    private Mono<List<ComplianceReport.SystemFailures>> systems(ReportQuery query) {
        var sql = """
                select t.system_id,
                       count(*) filter (where t.status in ('FAILED', 'BLOCKED', 'SUPERSEDED')) as failed,
                       count(*) filter (where t.status = 'SUPERSEDED') as agent_retries,
                       coalesce(sum(greatest(t.attempts - 1, 0)), 0) as worker_retries
                from request_task t join rights_request r on r.id = t.request_id
                where (t.status in ('FAILED', 'BLOCKED', 'SUPERSEDED') or t.attempts > 1) and %s
                group by t.system_id order by t.system_id""".formatted(scope(query, "r."));
        return roomy(bindScope(db.sql(sql), query)
                .map(row -> new ComplianceReport.SystemFailures(
                        text(row, "system_id"),
                        number(row, "failed"),
                        number(row, "agent_retries"),
                        number(row, "worker_retries")))
                .all());
    }

    /**
     * Runs a report query in a transaction of its own with {@link #WORK_MEM}: with PostgreSQL's default (4 MB) the
     * sort of a year's requests spilled to disk and took twice as long (infra/bench/console-reports).
     */
    private <T> Mono<List<T>> roomy(Flux<T> query) {
        return transactional
                .transactional(
                        db.sql("set local work_mem = '" + WORK_MEM + "'").then().thenMany(query))
                .collectList();
    }

    private static String area(ReportQuery query) {
        return query.jurisdiction() != null && query.jurisdiction().single() ? "jurisdiction" : AREA;
    }

    private static String scope(ReportQuery query) {
        return scope(query, "");
    }

    /** Received in [from, to), and of the jurisdiction asked for; {@code table} qualifies the columns in a join. */
    private static String scope(ReportQuery query, String table) {
        var where = table + "received_at >= :from and " + table + "received_at < :to";
        var jurisdiction = query.jurisdiction();
        if (jurisdiction == null) {
            return where;
        }
        return where
                + (jurisdiction.single()
                        ? " and " + table + "jurisdiction = :jurisdiction"
                        : " and " + table + "regime = :regime");
    }

    private static DatabaseClient.GenericExecuteSpec bindScope(
            DatabaseClient.GenericExecuteSpec spec, ReportQuery query) {
        spec = spec.bind("from", startOf(query.from())).bind("to", startOf(query.to()));
        var jurisdiction = query.jurisdiction();
        if (jurisdiction == null) {
            return spec;
        }
        return jurisdiction.regime() == null
                ? spec.bind("jurisdiction", jurisdiction.name())
                : spec.bind("regime", jurisdiction.regime());
    }

    private static java.time.OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    static long number(Readable row, String column) {
        var value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    static String text(Readable row, String column) {
        var value = row.get(column, String.class);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return value;
    }

    static @Nullable Double days(Readable row, String column) {
        var value = row.get(column, Number.class);
        return value == null ? null : round(value.doubleValue(), 2);
    }

    static double round(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value)
                .setScale(decimals, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }
}
