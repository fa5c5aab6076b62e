package dev.rightsplatform.rights.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The privacy officer's check of the whole trail. Walks every chain ({@link ChainWalk}) and every anchor
 * ({@link AnchorWalk}), then checks that each head an anchor signed is still the entry at that place (a deleted last
 * entry, a deleted chain, an entry rewritten with fresh hashes), that every entry is anchored or still awaiting its
 * anchor, and that every entry awaiting one is still as it was appended. README, "Audit trail", says what is found
 * before the next anchor and what only after.
 */
@Component
class AuditVerification {

    private static final int MAX_PROBLEMS = 100;

    /**
     * The outcome. {@code brokenAtSeq} and {@code problem} repeat the first finding (null when intact);
     * {@code problems} lists up to 100. {@code entriesAwaitingAnchor}: appended since the last anchor, protected by
     * their chain's links only until it is signed.
     */
    record Report(
            boolean intact,
            long entriesChecked,
            long chainsChecked,
            long anchorsChecked,
            long entriesAwaitingAnchor,
            @Nullable LastAnchor lastAnchor,
            @Nullable Long brokenAtSeq,
            @Nullable String problem,
            List<Problem> problems) {}

    /** A finding: the entry ({@code seq}, {@code chain}, {@code pos}) or the anchor it concerns, and what is wrong. */
    record Problem(
            @Nullable Long seq,
            @Nullable Long anchorId,
            @Nullable String chain,
            @Nullable Long pos,
            String problem) {}

    /** The newest anchor: compare its hash with one recorded elsewhere (the service's log) to see none was removed. */
    record LastAnchor(long id, Instant anchoredAt, String hash) {}

    private final DatabaseClient db;
    private final AnchorKey key;

    AuditVerification(DatabaseClient db, AnchorKey key) {
        this.db = db;
        this.key = key;
    }

    Mono<Report> verify() {
        var chains = new ChainWalk();
        var anchors = new AnchorWalk(key);
        var found = new ArrayList<Problem>();
        return db.sql("select * from audit_entry order by chain, pos")
                .map(AuditEntry::from)
                .all()
                .doOnNext(chains::accept)
                .then(anchorsWithHeads()
                        .doOnNext(a -> anchors.accept(a.anchor(), a.heads()))
                        .then())
                .then(Mono.fromRunnable(() -> {
                    found.addAll(chains.problems());
                    found.addAll(anchors.problems());
                }))
                .thenMany(Flux.concat(signedHeadsChanged(), neitherAnchoredNorPending(), pendingChanged()))
                .doOnNext(found::add)
                .then(db.sql("select count(*) as n from audit_pending")
                        .map(row -> row.get("n", Long.class))
                        .one())
                .map(pending -> {
                    var last = anchors.last();
                    var first = found.isEmpty() ? null : found.get(0);
                    return new Report(
                            found.isEmpty(),
                            chains.entries(),
                            chains.chains(),
                            anchors.anchors(),
                            pending,
                            last == null ? null : new LastAnchor(last.id(), last.anchoredAt(), last.hash()),
                            first == null ? null : first.seq(),
                            first == null ? null : first.problem(),
                            List.copyOf(found.subList(0, Math.min(found.size(), MAX_PROBLEMS))));
                });
    }

    private record AnchorWithHeads(AuditAnchor anchor, List<AuditAnchor.Head> heads) {}

    private Flux<AnchorWithHeads> anchorsWithHeads() {
        return db.sql("""
                        select a.*, h.chain as head_chain, h.pos as head_pos, h.hash as head_hash
                        from audit_anchor a left join audit_anchor_head h on h.anchor_id = a.id
                        order by a.id""")
                .map(row -> {
                    var anchor = new AuditAnchor(
                            row.get("id", Long.class),
                            row.get("anchored_at", Instant.class),
                            row.get("heads", Integer.class),
                            row.get("root", String.class),
                            row.get("prev_hash", String.class),
                            row.get("hash", String.class),
                            row.get("signature", String.class),
                            row.get("certificate_sha256", String.class));
                    var chain = row.get("head_chain", String.class);
                    var head = chain == null
                            ? null
                            : new AuditAnchor.Head(
                                    chain, row.get("head_pos", Long.class), row.get("head_hash", String.class));
                    return new AnchorWithHeads(anchor, head == null ? List.of() : List.of(head));
                })
                .all()
                .bufferUntilChanged(a -> a.anchor().id())
                .map(rows -> new AnchorWithHeads(
                        rows.get(0).anchor(),
                        rows.stream().flatMap(a -> a.heads().stream()).toList()));
    }

    /** Each signed head must still be the entry at its place, with the hash that was signed. */
    private Flux<Problem> signedHeadsChanged() {
        return db.sql("""
                        select h.anchor_id, h.chain, h.pos, e.seq
                        from audit_anchor_head h left join audit_entry e on e.chain = h.chain and e.pos = h.pos
                        where e.hash is distinct from h.hash
                        order by h.anchor_id, h.chain limit :limit""")
                .bind("limit", MAX_PROBLEMS)
                .map(row -> new Problem(
                        row.get("seq", Long.class),
                        row.get("anchor_id", Long.class),
                        row.get("chain", String.class),
                        row.get("pos", Long.class),
                        row.get("seq", Long.class) == null
                                ? "the entry this anchor signed as its chain's head is missing (deleted)"
                                : "the entry this anchor signed as its chain's head was changed"))
                .all();
    }

    /** An entry beyond every signed head of its chain must still await an anchor. */
    private Flux<Problem> neitherAnchoredNorPending() {
        return db.sql("""
                        select e.seq, e.chain, e.pos from audit_entry e
                        where not exists (select 1 from audit_anchor_head h where h.chain = e.chain and h.pos >= e.pos)
                          and not exists (select 1 from audit_pending p where p.chain = e.chain and p.pos >= e.pos)
                        order by e.seq limit :limit""")
                .bind("limit", MAX_PROBLEMS)
                .map(
                        row -> new Problem(
                                row.get("seq", Long.class),
                                null,
                                row.get("chain", String.class),
                                row.get("pos", Long.class),
                                "entry is neither anchored nor awaiting an anchor (its anchor or its pending mark was removed)"))
                .all();
    }

    /** An entry awaiting its anchor must still be there, as appended. */
    private Flux<Problem> pendingChanged() {
        return db.sql("""
                        select p.chain, p.pos, e.seq
                        from audit_pending p left join audit_entry e on e.chain = p.chain and e.pos = p.pos
                        where e.hash is distinct from p.hash
                        order by p.chain, p.pos limit :limit""")
                .bind("limit", MAX_PROBLEMS)
                .map(row -> new Problem(
                        row.get("seq", Long.class),
                        null,
                        row.get("chain", String.class),
                        row.get("pos", Long.class),
                        row.get("seq", Long.class) == null
                                ? "an entry awaiting its anchor is missing (deleted)"
                                : "an entry awaiting its anchor was changed"))
                .all();
    }
}
