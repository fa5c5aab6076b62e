package dev.rightsplatform.rights.opendsr;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Table {@code opendsr_request}: which partner submitted which request, and what it was first answered. */
@Component
class PartnerRequests {

    private final DatabaseClient db;

    PartnerRequests(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(PartnerRequest request) {
        return db.sql("""
                        insert into opendsr_request (subject_request_id, controller_id, request_id, body_hash, request_type,
                            submitted_time, received_time, callback_urls, created_answer, last_status)
                        values (:id, :controller, :requestId, :hash, :type, :submitted, :received, :callbacks, :answer, :status)""")
                .bind("id", request.subjectRequestId())
                .bind("controller", request.controllerId())
                .bind("requestId", request.requestId())
                .bind("hash", request.bodyHash())
                .bind("type", request.requestType())
                .bind("submitted", request.submittedTime())
                .bind("received", request.receivedTime())
                .bind("callbacks", request.callbackUrls())
                .bind("answer", request.createdAnswer())
                .bind("status", request.lastStatus())
                .then();
    }

    Mono<PartnerRequest> find(UUID subjectRequestId) {
        return db.sql("select * from opendsr_request where subject_request_id = :id")
                .bind("id", subjectRequestId)
                .map(row -> new PartnerRequest(
                        row.get("subject_request_id", UUID.class),
                        row.get("controller_id", String.class),
                        row.get("request_id", UUID.class),
                        row.get("body_hash", String.class),
                        row.get("request_type", String.class),
                        row.get("submitted_time", Instant.class),
                        row.get("received_time", Instant.class),
                        row.get("callback_urls", String.class),
                        toBytes(row.get("created_answer")),
                        row.get("last_status", String.class)))
                .one();
    }

    /** The partner request behind a platform request, locked, when there is one. */
    Mono<PartnerRequest> lockByRequest(UUID requestId) {
        return db.sql("select subject_request_id from opendsr_request where request_id = :id for update")
                .bind("id", requestId)
                .map(row -> row.get("subject_request_id", UUID.class))
                .one()
                .flatMap(this::find);
    }

    Mono<Void> announced(UUID subjectRequestId, String status) {
        return db.sql("update opendsr_request set last_status = :status where subject_request_id = :id")
                .bind("status", status)
                .bind("id", subjectRequestId)
                .then();
    }

    private static byte[] toBytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            var bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        throw new IllegalStateException("created_answer is not binary");
    }

    record PartnerRequest(
            UUID subjectRequestId,
            String controllerId,
            UUID requestId,
            String bodyHash,
            String requestType,
            Instant submittedTime,
            Instant receivedTime,
            String callbackUrls,
            byte[] createdAnswer,
            String lastStatus) {}
}
