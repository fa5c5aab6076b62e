package dev.rightsplatform.rights.receipt;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Table {@code receipt}: one signed receipt per request, written once (a trigger refuses any change). */
@Component
class ReceiptStore {

    private final DatabaseClient db;

    ReceiptStore(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the receipt unless the request has one already; true when this one was stored. */
    Mono<Boolean> insertOnce(UUID requestId, Instant issuedAt, byte[] payload, String signature) {
        return db.sql("""
                        insert into receipt (request_id, issued_at, payload, signature)
                        values (:requestId, :issuedAt, :payload, :signature)
                        on conflict (request_id) do nothing""")
                .bind("requestId", requestId)
                .bind("issuedAt", issuedAt)
                .bind("payload", java.nio.ByteBuffer.wrap(payload))
                .bind("signature", signature)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    Mono<StoredReceipt> find(UUID requestId) {
        return db.sql("select request_id, issued_at, payload, signature from receipt where request_id = :requestId")
                .bind("requestId", requestId)
                .map(row -> {
                    var payload = row.get("payload", java.nio.ByteBuffer.class);
                    var bytes = new byte[payload.remaining()];
                    payload.get(bytes);
                    return new StoredReceipt(
                            row.get("request_id", UUID.class),
                            row.get("issued_at", Instant.class),
                            bytes,
                            row.get("signature", String.class));
                })
                .one();
    }

    /** A receipt as issued: the exact bytes that were signed, and the signature. */
    record StoredReceipt(UUID requestId, Instant issuedAt, byte[] payload, String signature) {}
}
