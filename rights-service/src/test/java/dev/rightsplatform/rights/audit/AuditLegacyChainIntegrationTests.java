package dev.rightsplatform.rights.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Entries made before chains per request (V14) stay in the one chain they were made in, labelled {@code legacy}, with
 * their head awaiting the first anchor: verified as before, then pinned by that anchor.
 */
class AuditLegacyChainIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditAnchoring anchoring;

    @Autowired
    AuditVerification verification;

    @Autowired
    TransactionalOperator transactional;

    private final UUID request = UUID.randomUUID();
    private final List<Long> seqs = new ArrayList<>();

    /** What V14 leaves of a trail of four entries in the old single chain (two requests and a consent grant). */
    @BeforeEach
    void legacyTrail() {
        var prev = AuditHash.GENESIS;
        var other = UUID.randomUUID();
        var requests = new UUID[] {request, other, null, request};
        var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < requests.length; i++) {
            var actor = requests[i] == null ? "subject:legacy" : "system:rights-service";
            var hash = AuditHash.of(prev, requests[i], at, actor, "step." + i, "{}");
            var seq = db.sql("""
                            insert into audit_entry (request_id, occurred_at, actor, action, detail, prev_hash, hash,
                                                     chain, pos)
                            values (:request, :at, :actor, :action, '{}', :prev, :hash, 'legacy', :pos)
                            returning seq""")
                    .bind("request", org.springframework.r2dbc.core.Parameter.fromOrEmpty(requests[i], UUID.class))
                    .bind("at", at)
                    .bind("actor", actor)
                    .bind("action", "step." + i)
                    .bind("prev", prev)
                    .bind("hash", hash)
                    .bind("pos", (long) i + 1)
                    .map(row -> row.get("seq", Long.class))
                    .one()
                    .block();
            seqs.add(seq);
            prev = hash;
        }
        db.sql("insert into audit_pending values ('legacy', 4, :hash)")
                .bind("hash", prev)
                .then()
                .block();
        // the same request goes on in its own chain
        trail.append(request, "system:rights-service", "request.completed", Map.of())
                .as(transactional::transactional)
                .block();
    }

    @Test
    void theLegacyChainVerifiesAndIsPinnedByTheFirstAnchor() {
        assertThat(verification.verify().block().intact()).isTrue();
        var anchor = anchoring.anchor().block();
        assertThat(anchor.heads()).isEqualTo(2);
        var report = verification.verify().block();
        assertThat(report.intact()).isTrue();
        assertThat(report.chainsChecked()).isEqualTo(2);
        assertThat(report.entriesChecked()).isEqualTo(5);
        assertThat(report.entriesAwaitingAnchor()).isZero();
    }

    @Test
    void anEditedLegacyEntryIsFound() {
        anchoring.anchor().block();
        tamper("update audit_entry set action = 'request.refused' where seq = " + seqs.get(1));
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.brokenAtSeq()).isEqualTo(seqs.get(1));
    }

    @Test
    void theLegacyChainsDeletedLastEntryIsFoundOnceAnchored() {
        anchoring.anchor().block();
        tamper("delete from audit_entry where seq = " + seqs.get(3));
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems())
                .anySatisfy(problem -> assertThat(problem.chain()).isEqualTo("legacy"));
    }

    private void tamper(String sql) {
        db.sql("alter table audit_entry disable trigger user")
                .then()
                .then(db.sql(sql).then())
                .then(db.sql("alter table audit_entry enable trigger user").then())
                .block();
    }
}
