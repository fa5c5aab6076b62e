package dev.rightsplatform.rights.metrics;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The request book as gauges, counted by the database every {@code rights.metrics.interval} (30 s) in one grouped
 * query over the open requests (never by loading rows), and the outbox's backlog:
 * <ul>
 * <li>{@code rights.requests.open}, {@code rights.requests.overdue}, {@code rights.requests.due.soon}: open requests by
 * {@code type}, {@code status} and {@code jurisdiction} (overdue: past their due time; due soon: past the alert time
 * of their policy and not yet due);</li>
 * <li>{@code rights.outbox.pending}: outbox messages for RabbitMQ not yet confirmed by the broker (pending or being
 * published); {@code rights.outbox.lag}: the age of the oldest of them in seconds, computed when scraped (it grows even
 * if this job stalls), 0 when none;</li>
 * <li>{@code rights.outbox.failed}: outbox messages given up on, by {@code channel} ({@code amqp},
 * {@code opendsr-callback}), waiting for an agent to resubmit them (or for their retention to end).</li>
 * </ul>
 * Every instance counts the same rows: aggregate with {@code max} across instances, not {@code sum}.
 */
@Component
class RequestMetrics extends PeriodicWork {

    static final String OPEN = "rights.requests.open";
    static final String OVERDUE = "rights.requests.overdue";
    static final String DUE_SOON = "rights.requests.due.soon";
    static final String OUTBOX_PENDING = "rights.outbox.pending";
    static final String OUTBOX_LAG = "rights.outbox.lag";
    static final String OUTBOX_FAILED = "rights.outbox.failed";
    /** Every channel is reported, at 0 when it has no failed message, so an alert sees it return to 0. */
    private static final List<String> CHANNELS = List.of("amqp", "opendsr-callback");

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration interval;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge dueSoon;
    private final MultiGauge failed;
    private volatile long pending;
    private volatile @Nullable Instant oldestPending;

    RequestMetrics(
            DatabaseClient db,
            Clock clock,
            MeterRegistry registry,
            @Value("${rights.metrics.interval:30s}") Duration interval) {
        super("counting requests for metrics");
        this.db = db;
        this.clock = clock;
        this.interval = interval;
        this.open = MultiGauge.builder(OPEN).description("open requests").register(registry);
        this.overdue = MultiGauge.builder(OVERDUE)
                .description("open requests past their due time")
                .register(registry);
        this.dueSoon = MultiGauge.builder(DUE_SOON)
                .description("open requests within their due-soon alert period")
                .register(registry);
        this.failed = MultiGauge.builder(OUTBOX_FAILED)
                .description("outbox messages given up on after their channel's attempt cap")
                .register(registry);
        Gauge.builder(OUTBOX_PENDING, this, metrics -> metrics.pending)
                .description("outbox messages not yet confirmed by the broker")
                .register(registry);
        Gauge.builder(OUTBOX_LAG, this, RequestMetrics::outboxLagSeconds)
                .baseUnit("seconds")
                .description("age of the oldest outbox message not yet confirmed by the broker")
                .register(registry);
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected Duration initialDelay() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected Mono<?> round() {
        var now = clock.instant();
        var requests = db.sql("""
                        select type, status, jurisdiction, count(*) as total,
                               count(*) filter (where due_at < :now) as overdue,
                               count(*) filter (where due_at >= :now and due_soon_at <= :now) as due_soon
                        from rights_request where closed_at is null
                        group by type, status, jurisdiction""")
                .bind("now", now)
                .map(row -> new Count(
                        Tags.of(
                                "type",
                                row.get("type", String.class),
                                "status",
                                row.get("status", String.class),
                                "jurisdiction",
                                row.get("jurisdiction", String.class)),
                        row.get("total", Long.class),
                        row.get("overdue", Long.class),
                        row.get("due_soon", Long.class)))
                .all()
                .collectList()
                .doOnNext(this::publish);
        var outbox = db.sql("""
                        select count(*) as pending, min(created_at) as oldest from outbox_message
                        where channel = 'amqp' and status in ('PENDING', 'PROCESSING')""")
                .map(row -> new Backlog(row.get("pending", Long.class), row.get("oldest", Instant.class)))
                .one()
                .doOnNext(backlog -> {
                    pending = backlog.pending() == null ? 0 : backlog.pending();
                    oldestPending = backlog.oldest();
                });
        var failedByChannel = db.sql(
                        "select channel, count(*) as failed from outbox_message where status = 'FAILED' group by channel")
                .map(row -> java.util.Map.entry(row.get("channel", String.class), row.get("failed", Long.class)))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)
                .doOnNext(this::publishFailed);
        return requests.then(outbox).then(failedByChannel);
    }

    private void publish(List<Count> counts) {
        var openRows = new ArrayList<MultiGauge.Row<?>>();
        var overdueRows = new ArrayList<MultiGauge.Row<?>>();
        var dueSoonRows = new ArrayList<MultiGauge.Row<?>>();
        for (var count : counts) {
            openRows.add(MultiGauge.Row.of(count.tags(), count.total()));
            overdueRows.add(MultiGauge.Row.of(count.tags(), count.overdue()));
            dueSoonRows.add(MultiGauge.Row.of(count.tags(), count.dueSoon()));
        }
        open.register(openRows, true);
        overdue.register(overdueRows, true);
        dueSoon.register(dueSoonRows, true);
    }

    private void publishFailed(java.util.Map<String, Long> counts) {
        var rows = new ArrayList<MultiGauge.Row<?>>();
        var channels = new java.util.TreeSet<>(CHANNELS);
        channels.addAll(counts.keySet());
        for (var channel : channels) {
            rows.add(MultiGauge.Row.of(Tags.of("channel", channel), counts.getOrDefault(channel, 0L)));
        }
        failed.register(rows, true);
    }

    private double outboxLagSeconds() {
        var oldest = oldestPending;
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private record Count(Tags tags, long total, long overdue, long dueSoon) {}

    private record Backlog(@Nullable Long pending, @Nullable Instant oldest) {}
}
