package dev.rightsplatform.rights.delivery.access;

import dev.rightsplatform.rights.delivery.Handover;
import dev.rightsplatform.rights.delivery.archive.ExportArchiveRecords;
import dev.rightsplatform.rights.delivery.archive.ExportArchives;
import dev.rightsplatform.rights.delivery.collection.CollectedPartRecords;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link Handover} from the encrypted store: parts through the access view, archives as they are stored. */
@Component
class StoredDataHandover implements Handover {

    private static final int CHUNK = 64 * 1024;

    private final CollectedPartRecords partRecords;
    private final AccessView view;
    private final ExportArchives archives;
    private final ExportArchiveRecords archiveRecords;
    private final Clock clock;

    StoredDataHandover(
            CollectedPartRecords partRecords,
            AccessView view,
            ExportArchives archives,
            ExportArchiveRecords archiveRecords,
            Clock clock) {
        this.partRecords = partRecords;
        this.view = view;
        this.archives = archives;
        this.archiveRecords = archiveRecords;
        this.clock = clock;
    }

    /** The systems whose parts are still stored for a request, in order. */
    @Override
    public Mono<List<String>> systemsOf(UUID requestId) {
        return partRecords
                .partsOf(requestId)
                .map(CollectedPartRecords.StoredPart::systemId)
                .collectList();
    }

    /** The access document: {@code {"systems":[{"systemId","categories":{...}}]}}, streamed. */
    @Override
    public Flux<DataBuffer> accessDocument(UUID requestId) {
        return partRecords
                .partsOf(requestId)
                .map(part -> new PartRef(part.systemId(), part.taskId()))
                .collectList()
                .flatMapMany(parts -> view.stream(requestId, parts, DefaultDataBufferFactory.sharedInstance));
    }

    /** The request's archive when it can be downloaded: 409 while it is built, 410 once deleted. */
    @Override
    public Mono<ReadyArchive> readyArchive(UUID requestId) {
        var now = clock.instant();
        return archiveRecords
                .find(requestId)
                .switchIfEmpty(
                        Mono.error(new ApiException(ProblemType.DATA_NOT_READY, "The archive is not built yet.")))
                .flatMap(archive -> {
                    if ("PENDING".equals(archive.status())) {
                        return Mono.error(
                                new ApiException(ProblemType.DATA_NOT_READY, "The archive is not built yet."));
                    }
                    if (!archive.isReady() || archive.expiresAt().isBefore(now)) {
                        return Mono.error(new ApiException(
                                ProblemType.DATA_EXPIRED,
                                "The archive was deleted when it expired; submit a new export."));
                    }
                    return Mono.just(
                            new ReadyArchive(requestId, archive.size(), archive.sha256(), archive.expiresAt()));
                });
    }

    /** The archive's bytes (the plain zip, decrypted as it is read). */
    @Override
    public Flux<DataBuffer> archiveBytes(ReadyArchive archive) {
        return DataBufferUtils.readInputStream(
                        () -> archives.open(archive.requestId()), DefaultDataBufferFactory.sharedInstance, CHUNK)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
