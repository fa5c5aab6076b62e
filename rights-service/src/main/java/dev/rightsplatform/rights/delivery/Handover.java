package dev.rightsplatform.rights.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads collected data out for whoever is entitled to it — the person through the portal API, or the partner that
 * submitted the request through OpenDSR's results_url. Callers decide who may read; this only streams, from the
 * encrypted store, never holding a whole document or archive in memory. The delivery feature's door for other
 * features: its implementation lives in {@code delivery.access}.
 */
public interface Handover {

    /** The systems whose parts are still stored for a request, in order. */
    Mono<List<String>> systemsOf(UUID requestId);

    /** The access document: {@code {"systems":[{"systemId","categories":{...}}]}}, streamed. */
    Flux<DataBuffer> accessDocument(UUID requestId);

    /** The request's archive when it can be downloaded: 409 while it is built, 410 once deleted. */
    Mono<ReadyArchive> readyArchive(UUID requestId);

    /** The archive's bytes (the plain zip, decrypted as it is read). */
    Flux<DataBuffer> archiveBytes(ReadyArchive archive);

    /** An archive that can be downloaded now: its size and SHA-256 (of the zip as downloaded), until when. */
    record ReadyArchive(UUID requestId, long size, String sha256, Instant expiresAt) {}
}
