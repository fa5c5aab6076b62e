package dev.rightsplatform.rights.delivery.collection;

import dev.rightsplatform.rights.delivery.store.EncryptedStore;
import dev.rightsplatform.rights.delivery.store.ObjectKeys;
import dev.rightsplatform.rights.delivery.store.StoreWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The parts the worker collects for an access or export request, one per task: validated while they stream in,
 * stored encrypted ({@link EncryptedStore}, key {@code parts/<requestId>/<taskId>.json}), read back as sent.
 */
@Component
public class CollectedParts {

    private static final Logger log = LoggerFactory.getLogger(CollectedParts.class);
    /** Buffers requested from the upload ahead of the parser. */
    private static final int PREFETCH = 4;

    private final EncryptedStore store;
    private final CollectionProperties limits;
    private final PartDocuments documents;

    public CollectedParts(EncryptedStore store, CollectionProperties limits) {
        this.store = store;
        this.limits = limits;
        this.documents = new PartDocuments(limits.maxValueLength());
    }

    /**
     * Stores the part a task uploaded, validating it on the way (non-blocking: the work runs on
     * {@code Schedulers.boundedElastic()}). A repeat for the same task replaces the part; a refused upload keeps
     * nothing of itself (and leaves an earlier part of the task as it was).
     *
     * @return what the part holds; errors with {@link InvalidPartException} (400) or {@link PartTooLargeException}
     *         (413)
     */
    public Mono<PartSummary> store(UUID requestId, String systemId, UUID taskId, Flux<DataBuffer> body) {
        return Mono.fromCallable(() -> {
                    PartRef.checkSystemId(systemId);
                    try (InputStream upload = DataBufferUtils.subscriberInputStream(body, PREFETCH)) {
                        return store(requestId, systemId, taskId, upload);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** As {@link #store(UUID, String, UUID, Flux)}, from a stream read to its end. Blocks. */
    public PartSummary store(UUID requestId, String systemId, UUID taskId, InputStream upload) throws IOException {
        PartRef.checkSystemId(systemId);
        try (StoreWriter out = store.create(ObjectKeys.part(requestId, taskId))) {
            var intake = new IntakeStream(upload, out, limits.maxByteCount());
            Map<String, Long> categories;
            try {
                categories = documents.walk(intake, documents.checkingValues());
                intake.transferTo(OutputStream.nullOutputStream());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.commit();
            var summary = new PartSummary(
                    categories.values().stream().mapToLong(Long::longValue).sum(),
                    intake.count(),
                    intake.sha256(),
                    categories);
            log.info(
                    "stored the part of task {} from {}: {} records in {} categories, {} bytes",
                    taskId,
                    systemId,
                    summary.records(),
                    categories.size(),
                    summary.bytes());
            return summary;
        }
    }

    /** Opens a stored part: the document as it was uploaded. Blocks. */
    public InputStream open(UUID requestId, UUID taskId) throws IOException {
        return store.open(ObjectKeys.part(requestId, taskId));
    }

    /** Whether a task's part is stored. Blocks. */
    public boolean exists(UUID requestId, UUID taskId) throws IOException {
        return store.exists(ObjectKeys.part(requestId, taskId));
    }

    /** Deletes every part of a request, destroying their keys; how many there were. Blocks. */
    public int deleteAll(UUID requestId) throws IOException {
        List<String> keys = store.list(ObjectKeys.partsOf(requestId));
        int deleted = 0;
        for (String key : keys) {
            if (store.delete(key)) {
                deleted++;
            }
        }
        return deleted;
    }

    public PartDocuments documents() {
        return documents;
    }
}
