package dev.rightsplatform.rights.delivery.retention;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.delivery.DeliveryProperties;
import dev.rightsplatform.rights.delivery.archive.ExportArchiveRecords;
import dev.rightsplatform.rights.delivery.archive.ExportArchives;
import dev.rightsplatform.rights.delivery.collection.CollectedPartRecords;
import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Deletes collected data nobody may read any more: export archives past their expiry, access data past
 * {@code rights.delivery.access-retention}, and the parts of requests that were cancelled or refused. Deleting an
 * object in the store destroys its key too. Each deletion is audited; the sizes and checksums stay as proof.
 */
@Component
public class DeliveryRetention extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final int BATCH = 100;
    private static final String ACTOR = "system:rights-service";

    private final DatabaseClient db;
    private final ExportArchiveRecords archives;
    private final CollectedPartRecords partRecords;
    private final CollectedParts parts;
    private final ExportArchives archiveStore;
    private final AuditTrail audit;
    private final DeliveryProperties properties;
    private final Clock clock;

    DeliveryRetention(
            DatabaseClient db,
            ExportArchiveRecords archives,
            CollectedPartRecords partRecords,
            CollectedParts parts,
            ExportArchives archiveStore,
            AuditTrail audit,
            DeliveryProperties properties,
            Clock clock) {
        super("deleting expired data");
        this.db = db;
        this.archives = archives;
        this.partRecords = partRecords;
        this.parts = parts;
        this.archiveStore = archiveStore;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sweep; emits how many archives and part sets it deleted. */
    public Mono<Long> sweep() {
        var now = clock.instant();
        // each query's rows are read to the end before anything acts on them (RowBatches explains why)
        var expiredArchives = archives.expired(now, BATCH)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(archive -> blocking(() -> archiveStore.delete(archive.requestId()))
                        .then(archives.markExpired(archive.requestId()))
                        .then(audit.append(
                                archive.requestId(), ACTOR, "export.expired", Map.of("sha256", archive.sha256())))
                        .thenReturn(archive.requestId())
                        .onErrorResume(e -> skip("archive", archive.requestId(), e)));
        var expiredParts = db.sql("""
                        select distinct p.request_id from collected_part p join rights_request r on r.id = p.request_id
                        where p.deleted_at is null and r.closed_at is not null
                          and (r.status <> 'COMPLETED' or r.closed_at < :cutoff)
                        limit :batch""")
                .bind("cutoff", now.minus(properties.accessRetention()))
                .bind("batch", BATCH)
                .map(row -> row.get("request_id", UUID.class))
                .all()
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(requestId -> blocking(() -> parts.deleteAll(requestId))
                        .then(partRecords.markDeleted(requestId, now))
                        .then(audit.append(requestId, ACTOR, "data.deleted", Map.of()))
                        .thenReturn(requestId)
                        .onErrorResume(e -> skip("collected data", requestId, e)));
        return Flux.concat(expiredArchives, expiredParts).count();
    }

    /** One deletion that failed holds back no other; it is tried again at the next sweep. */
    private static Mono<UUID> skip(String what, UUID requestId, Throwable error) {
        log.warn("deleting the {} of request {} failed, will retry: {}", what, requestId, error.toString());
        return Mono.empty();
    }

    private static Mono<Void> blocking(java.util.concurrent.Callable<?> action) {
        return Mono.fromCallable(action)
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    @Override
    protected Duration interval() {
        return properties.sweepInterval();
    }

    @Override
    protected Mono<?> round() {
        return sweep().filter(deleted -> deleted > 0)
                .doOnNext(deleted -> log.info("deleted {} expired archives or collections", deleted));
    }
}
