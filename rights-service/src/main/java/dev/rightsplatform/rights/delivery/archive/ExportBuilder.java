package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.DeliveryProperties;
import dev.rightsplatform.rights.delivery.collection.CollectedPartRecords;
import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import dev.rightsplatform.rights.lifecycle.ExportCompletion;
import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the archive of every export whose systems have all delivered their part, one at a time per instance. A
 * builder takes a pending export with a lease (another instance takes it over if this one dies), builds the archive
 * into the encrypted store off the event loop, then in one transaction marks it READY and completes the request,
 * which tells the person. Only then are the parts deleted: the archive now holds the data. A failed build is tried
 * again at the next tick; an export cancelled meanwhile gets its archive deleted.
 */
@Component
class ExportBuilder extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(ExportBuilder.class);

    private final ExportArchiveRecords archives;
    private final CollectedPartRecords partRecords;
    private final CollectedParts parts;
    private final ExportArchives builder;
    private final ExportCompletion completion;
    private final TransactionalOperator transactional;
    private final DeliveryProperties properties;
    private final Clock clock;

    ExportBuilder(
            ExportArchiveRecords archives,
            CollectedPartRecords partRecords,
            CollectedParts parts,
            ExportArchives builder,
            ExportCompletion completion,
            TransactionalOperator transactional,
            DeliveryProperties properties,
            Clock clock) {
        super("building exports");
        this.archives = archives;
        this.partRecords = partRecords;
        this.parts = parts;
        this.builder = builder;
        this.completion = completion;
        this.transactional = transactional;
        this.properties = properties;
        this.clock = clock;
    }

    /** Builds every pending export it can claim; emits how many it completed. */
    Mono<Long> buildPending() {
        return archives.claimNext(properties.buildLease())
                .expand(done -> archives.claimNext(properties.buildLease()))
                .concatMap(requestId -> build(requestId).onErrorResume(e -> {
                    log.warn("building the export of request {} failed, will retry: {}", requestId, e.toString());
                    return archives.release(requestId).thenReturn(false);
                }))
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> build(UUID requestId) {
        var generatedAt = clock.instant();
        return partRecords
                .partsOf(requestId)
                .collectList()
                .flatMap(stored -> Mono.fromCallable(() -> builder.build(
                                requestId,
                                generatedAt,
                                stored.stream()
                                        .map(part -> new PartRef(part.systemId(), part.taskId()))
                                        .toList()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(summary -> {
                    var expiresAt = clock.instant().plus(properties.archiveRetention());
                    return archives.markReady(
                                    requestId,
                                    summary.objectKey(),
                                    summary.size(),
                                    summary.sha256(),
                                    summary.files(),
                                    clock.instant(),
                                    expiresAt)
                            .flatMap(stillPending -> stillPending
                                    ? completion.archiveReady(
                                            requestId,
                                            expiresAt,
                                            Map.of(
                                                    "files",
                                                    summary.files(),
                                                    "bytes",
                                                    summary.size(),
                                                    "sha256",
                                                    summary.sha256()))
                                    : Mono.just(false))
                            .as(transactional::transactional)
                            .flatMap(completed -> afterCommit(requestId, completed));
                });
    }

    /** The parts are no longer needed once the archive exists; an archive nobody will be told of goes too. */
    private Mono<Boolean> afterCommit(UUID requestId, boolean completed) {
        var cleanUp = Mono.fromCallable(() -> {
                    parts.deleteAll(requestId);
                    if (!completed) {
                        builder.delete(requestId);
                    }
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(partRecords.markDeleted(requestId, clock.instant()));
        if (!completed) {
            log.info("export of request {} was no longer in progress: its archive is deleted", requestId);
            return cleanUp.then(archives.markExpired(requestId)).thenReturn(false);
        }
        log.info("export of request {} is ready", requestId);
        return cleanUp.thenReturn(true);
    }

    @Override
    protected Duration interval() {
        return properties.buildInterval();
    }

    /** One archive of a large export may take minutes; its lease already bounds how long a build may hold it. */
    @Override
    protected Duration roundLimit(Duration configured) {
        return configured.compareTo(properties.buildLease()) > 0 ? configured : properties.buildLease();
    }

    @Override
    protected Mono<?> round() {
        return buildPending();
    }
}
