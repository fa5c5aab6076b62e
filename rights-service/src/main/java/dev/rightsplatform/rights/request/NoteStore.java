package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Agents' notes on requests, in table {@code request_note}. */
@Component
class NoteStore {

    record NoteView(UUID id, String author, String text, Instant createdAt) {}

    private final DatabaseClient db;

    NoteStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<NoteView> add(UUID requestId, String author, String text, Instant at) {
        var id = UUID.randomUUID();
        return db.sql(
                        "insert into request_note (id, request_id, author, body, created_at) values (:id, :r, :a, :b, :at)")
                .bind("id", id)
                .bind("r", requestId)
                .bind("a", author)
                .bind("b", text)
                .bind("at", at)
                .then()
                .thenReturn(new NoteView(id, author, text, at));
    }

    Flux<NoteView> of(UUID requestId) {
        return db.sql("select id, author, body, created_at from request_note where request_id = :r order by created_at")
                .bind("r", requestId)
                .map(row -> new NoteView(
                        row.get("id", UUID.class),
                        row.get("author", String.class),
                        row.get("body", String.class),
                        row.get("created_at", Instant.class)))
                .all();
    }
}
