package dev.rightsplatform.rights.audit;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Signs the heads of the chains that grew since the last anchor into the next anchor, every
 * {@code rights.audit.anchor-interval}. One replica at a time: a round claims the job with a transaction-scoped
 * advisory lock and skips if another holds it. The entries it anchors leave {@code audit_pending} in the same
 * transaction as the anchor is written, so an entry is either anchored or still pending, never neither. An entry
 * committed while a round runs is invisible to its delete and waits for the next round: appends never wait for it.
 */
@Component
class AuditAnchoring extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);
    /** The advisory lock ('ANCH', 0) that makes one replica at a time the anchoring one. */
    private static final int LOCK_SPACE = 0x414e4348;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final AnchorKey key;
    private final Clock clock;
    private final Duration interval;

    AuditAnchoring(
            DatabaseClient db,
            TransactionalOperator transactional,
            AnchorKey key,
            Clock clock,
            AuditProperties properties) {
        super("anchoring the audit trail");
        this.db = db;
        this.transactional = transactional;
        this.key = key;
        this.clock = clock;
        this.interval = properties.anchorInterval();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected Mono<?> round() {
        return anchor();
    }

    /** Writes the next anchor, if any entry awaits one and no other replica is anchoring; emits it. */
    Mono<AuditAnchor> anchor() {
        return db.sql("select pg_try_advisory_xact_lock(:space, 0) as claimed")
                .bind("space", LOCK_SPACE)
                .map(row -> row.get("claimed", Boolean.class))
                .one()
                .filter(Boolean::booleanValue)
                .flatMap(claimed -> previous()
                        .flatMap(previous -> pendingHeads()
                                .filter(heads -> !heads.isEmpty())
                                .flatMap(heads -> write(previous, heads))))
                .as(transactional::transactional);
    }

    private record Previous(long id, String hash) {}

    private Mono<Previous> previous() {
        return db.sql("select id, hash from audit_anchor order by id desc limit 1")
                .map(row -> new Previous(row.get("id", Long.class), row.get("hash", String.class)))
                .one()
                .defaultIfEmpty(new Previous(0, AuditHash.GENESIS));
    }

    /** Takes every committed pending entry; per chain, the last one is the head that vouches for the rest. */
    private Mono<List<AuditAnchor.Head>> pendingHeads() {
        return db.sql("delete from audit_pending returning chain, pos, hash")
                .map(row -> new AuditAnchor.Head(
                        row.get("chain", String.class), row.get("pos", Long.class), row.get("hash", String.class)))
                .all()
                .collectList()
                .map(pending -> {
                    var heads = new LinkedHashMap<String, AuditAnchor.Head>();
                    pending.forEach(entry -> heads.merge(entry.chain(), entry, (a, b) -> a.pos() >= b.pos() ? a : b));
                    return heads.values().stream()
                            .sorted(Comparator.comparing(AuditAnchor.Head::chain))
                            .toList();
                });
    }

    private Mono<AuditAnchor> write(Previous previous, List<AuditAnchor.Head> heads) {
        var id = previous.id() + 1;
        var anchoredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var root = AuditAnchor.merkleRoot(heads);
        var text = AuditAnchor.text(id, anchoredAt, heads.size(), root, previous.hash());
        var anchor = new AuditAnchor(
                id,
                anchoredAt,
                heads.size(),
                root,
                previous.hash(),
                AuditHash.sha256(text),
                key.sign(text),
                key.fingerprint());
        return db.sql("""
                        insert into audit_anchor (id, anchored_at, heads, root, prev_hash, hash, signature,
                                                  certificate_sha256)
                        values (:id, :anchoredAt, :heads, :root, :prevHash, :hash, :signature, :certificate)""")
                .bind("id", anchor.id())
                .bind("anchoredAt", anchor.anchoredAt())
                .bind("heads", anchor.heads())
                .bind("root", anchor.root())
                .bind("prevHash", anchor.prevHash())
                .bind("hash", anchor.hash())
                .bind("signature", anchor.signature())
                .bind("certificate", anchor.certificateSha256())
                .then()
                .then(db.sql("""
                                insert into audit_anchor_head (anchor_id, chain, pos, hash)
                                select :id, * from unnest(cast(:chains as text[]), cast(:positions as bigint[]),
                                                          cast(:hashes as text[]))""")
                        .bind("id", id)
                        .bind(
                                "chains",
                                heads.stream().map(AuditAnchor.Head::chain).toArray(String[]::new))
                        .bind(
                                "positions",
                                heads.stream().map(AuditAnchor.Head::pos).toArray(Long[]::new))
                        .bind(
                                "hashes",
                                heads.stream().map(AuditAnchor.Head::hash).toArray(String[]::new))
                        .then())
                .then(Mono.fromRunnable(() -> log.info(
                        "audit anchor {} signs the heads of {} chains: root {}, hash {}",
                        anchor.id(),
                        anchor.heads(),
                        anchor.root(),
                        anchor.hash())))
                .thenReturn(anchor);
    }
}
