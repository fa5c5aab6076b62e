package dev.rightsplatform.rights.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Every kind of tampering with the trail, by someone who can write the database but does not hold the platform key:
 * each is found by the verification, before the next anchor where the README says so, otherwise once anchored.
 */
class AuditTamperIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditAnchoring anchoring;

    @Autowired
    AuditVerification verification;

    @Autowired
    TransactionalOperator transactional;

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    /** Requests a, b and c with three anchored entries each, a consent grant's actor chain, then two more for a. */
    @BeforeEach
    void trailWithAnAnchor() {
        for (var request : List.of(a, b, c)) {
            append(request, "request.received", "request.accepted", "tasks.dispatched");
        }
        trail.append(null, "subject:tamper", "consent.granted", Map.of("purpose", "marketing"))
                .as(transactional::transactional)
                .block();
        assertThat(anchoring.anchor().block()).isNotNull();
        append(a, "task.done", "request.completed");
        var report = verification.verify().block();
        assertThat(report.intact()).as(String.valueOf(report.problems())).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(12);
        assertThat(report.chainsChecked()).isEqualTo(4);
        assertThat(report.anchorsChecked()).isEqualTo(1);
        assertThat(report.entriesAwaitingAnchor()).isEqualTo(2);
    }

    @Test
    void anIntactTrailStaysIntactAcrossAnchors() {
        var second = anchoring.anchor().block();
        assertThat(second.id()).isEqualTo(2);
        assertThat(second.heads()).isEqualTo(1);
        assertThat(anchoring.anchor().block()).as("nothing new to anchor").isNull();
        var report = verification.verify().block();
        assertThat(report.intact()).isTrue();
        assertThat(report.anchorsChecked()).isEqualTo(2);
        assertThat(report.entriesAwaitingAnchor()).isZero();
        assertThat(report.lastAnchor().hash()).isEqualTo(second.hash());
    }

    @Test
    void anEditedDetailIsFound() {
        var seq = seqOf(b, 2);
        tamper("update audit_entry set detail = '{\"forged\":true}' where seq = " + seq);
        assertFound(seq, "content does not match its hash");
    }

    @Test
    void anEditedHashIsFound() {
        var seq = seqOf(b, 2);
        tamper("update audit_entry set hash = repeat('a', 64) where seq = " + seq);
        assertFound(seq, "content does not match its hash");
    }

    @Test
    void anAnchoredChainRewrittenWithFreshHashesIsFound() {
        // the attacker recomputes every hash after the edit: the links hold, the signed head does not
        var seq = seqOf(c, 2);
        tamper("update audit_entry set action = 'request.refused' where seq = " + seq);
        rehash("request:" + c);
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.anchorId()).isEqualTo(1);
            assertThat(problem.chain()).isEqualTo("request:" + c);
            assertThat(problem.problem()).contains("signed as its chain's head was changed");
        });
    }

    @Test
    void aDeletedMiddleEntryIsFound() {
        var next = seqOf(b, 3);
        tamper("delete from audit_entry where seq = " + seqOf(b, 2));
        assertFound(next, "the entry before it in its chain is missing");
    }

    @Test
    void aDeletedLastEntryOfAnAnchoredChainIsFound() {
        tamper("delete from audit_entry where seq = " + seqOf(b, 3));
        assertFound(null, "signed as its chain's head is missing");
    }

    @Test
    void aDeletedLastEntryAwaitingItsAnchorIsFoundThroughItsPendingMark() {
        tamper("delete from audit_entry where seq = " + seqOf(a, 5));
        assertFound(null, "an entry awaiting its anchor is missing");
    }

    @Test
    void aDeletedLastEntryAndItsPendingMarkGoUnnoticedUntilAnchoredButNotAfter() {
        // the documented window: before its anchor, an entry is protected by its chain's links only
        tamper("delete from audit_entry where seq = " + seqOf(a, 5));
        tamper("delete from audit_pending where chain = 'request:" + a + "' and pos = 5");
        assertThat(verification.verify().block().intact()).isTrue();
        // once anchored, the same deletion is found
        append(a, "receipt.issued");
        anchoring.anchor().block();
        tamper("delete from audit_entry where seq = " + seqOf(a, 5));
        assertFound(null, "signed as its chain's head is missing");
    }

    @Test
    void aRequestsEntriesDeletedAfterAnchoringAreFound() {
        tamper("delete from audit_entry where request_id = '" + c + "'");
        assertFound(null, "signed as its chain's head is missing");
    }

    @Test
    void aRequestsEntriesDeletedBeforeAnchoringAreFound() {
        var d = UUID.randomUUID();
        append(d, "request.received", "request.accepted");
        tamper("delete from audit_entry where request_id = '" + d + "'");
        assertFound(null, "an entry awaiting its anchor is missing");
    }

    @Test
    void reorderedEntriesAreFound() {
        var second = seqOf(b, 2);
        var third = seqOf(b, 3);
        tamper("update audit_entry set pos = -pos where seq in (" + second + ", " + third + ")");
        tamper("update audit_entry set pos = 3 where seq = " + second);
        tamper("update audit_entry set pos = 2 where seq = " + third);
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems())
                .anySatisfy(problem -> assertThat(problem.problem()).contains("does not link to the one before it"));
    }

    @Test
    void anEntryMovedToAnotherRequestsChainIsFound() {
        var seq = seqOf(a, 5);
        tamper("update audit_entry set chain = 'request:" + b + "', pos = 4 where seq = " + seq);
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems())
                .anySatisfy(problem -> assertThat(problem.problem()).contains("filed under another chain"));
    }

    @Test
    void aForgedAnchorIsFound() throws Exception {
        // the attacker rewrites c's chain and signs its new head with a key of their own, claiming the platform's
        tamper("update audit_entry set action = 'request.refused' where seq = " + seqOf(c, 2));
        rehash("request:" + c);
        var previous = anchoring.anchor().block(); // anchors a's two new entries
        var head = new AuditAnchor.Head("request:" + c, 3, hashOf(c, 3));
        var anchoredAt = Instant.parse("2026-01-01T00:00:00Z");
        var root = AuditAnchor.merkleRoot(List.of(head));
        var text = AuditAnchor.text(previous.id() + 1, anchoredAt, 1, root, previous.hash());
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.generateKeyPair().getPrivate());
        signer.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        db.sql("""
                        insert into audit_anchor values (:id, :at, 1, :root, :prev, :hash, :signature, :certificate)""")
                .bind("id", previous.id() + 1)
                .bind("at", anchoredAt)
                .bind("root", root)
                .bind("prev", previous.hash())
                .bind("hash", AuditHash.sha256(text))
                .bind("signature", Base64.getEncoder().encodeToString(signer.sign()))
                .bind("certificate", previous.certificateSha256())
                .then()
                .then(db.sql("insert into audit_anchor_head values (:id, :chain, 3, :hash)")
                        .bind("id", previous.id() + 1)
                        .bind("chain", head.chain())
                        .bind("hash", head.hash())
                        .then())
                .block();
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems())
                .extracting(AuditVerification.Problem::problem)
                .contains("anchor's signature is not the platform key's (forged or changed)");
        // the genuine first anchor still pins c's original head
        assertThat(report.problems())
                .anySatisfy(problem -> assertThat(problem.anchorId()).isEqualTo(1));
    }

    @Test
    void anEditedAnchorIsFound() {
        tamper("update audit_anchor_head set hash = repeat('b', 64) where chain = 'request:" + b + "'");
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems())
                .extracting(AuditVerification.Problem::problem)
                .contains("the chain heads stored with the anchor are not the ones it signed");
    }

    @Test
    void aDeletedAnchorIsFound() {
        anchoring.anchor().block();
        tamper("delete from audit_anchor_head where anchor_id = 1");
        tamper("delete from audit_anchor where id = 1");
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems())
                .extracting(AuditVerification.Problem::problem)
                .contains(
                        "anchor does not link to the one before it (an anchor was removed, changed or inserted)",
                        "entry is neither anchored nor awaiting an anchor (its anchor or its pending mark was removed)");
    }

    @Test
    void theVerificationEndpointReportsTheFinding() {
        tamper("update audit_entry set detail = '{}' where seq = " + seqOf(a, 1));
        http.get()
                .uri("/api/v1/audit/verification")
                .headers(h -> h.setBearerAuth(tokens.withRoles("officer", "privacy-officer")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(false)
                .jsonPath("$.brokenAtSeq")
                .isEqualTo(seqOf(a, 1))
                .jsonPath("$.anchorsChecked")
                .isEqualTo(1)
                .jsonPath("$.lastAnchor.id")
                .isEqualTo(1)
                .jsonPath("$.problems[0].chain")
                .isEqualTo("request:" + a);
    }

    private void append(UUID request, String... actions) {
        Flux.fromArray(actions)
                .concatMap(action -> trail.append(request, "system:rights-service", action, Map.of("n", action)))
                .then()
                .as(transactional::transactional)
                .block();
    }

    private void assertFound(Long seq, String problem) {
        var report = verification.verify().block();
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).anySatisfy(found -> {
            assertThat(found.problem()).contains(problem);
            if (seq != null) {
                assertThat(found.seq()).isEqualTo(seq);
            }
        });
    }

    private long seqOf(UUID request, int pos) {
        return db.sql("select seq from audit_entry where chain = :chain and pos = :pos")
                .bind("chain", "request:" + request)
                .bind("pos", pos)
                .map(row -> row.get("seq", Long.class))
                .one()
                .block();
    }

    private String hashOf(UUID request, int pos) {
        return db.sql("select hash from audit_entry where chain = :chain and pos = :pos")
                .bind("chain", "request:" + request)
                .bind("pos", pos)
                .map(row -> row.get("hash", String.class))
                .one()
                .block();
    }

    /** What an attacker who knows the hash rule does after an edit: recompute the chain's links and hashes. */
    private void rehash(String chain) {
        var entries = db.sql("select * from audit_entry where chain = :chain order by pos")
                .bind("chain", chain)
                .map(AuditEntry::from)
                .all()
                .collectList()
                .block();
        var prev = AuditHash.GENESIS;
        for (var entry : entries) {
            var hash = AuditHash.of(
                    prev, entry.requestId(), entry.occurredAt(), entry.actor(), entry.action(), entry.detail());
            tamper("update audit_entry set prev_hash = '" + prev + "', hash = '" + hash + "' where seq = "
                    + entry.seq());
            prev = hash;
        }
    }

    /** A change by someone who owns the tables: the append-only triggers are switched off around it. */
    private void tamper(String sql) {
        var tables = List.of("audit_entry", "audit_anchor", "audit_anchor_head");
        Flux.fromIterable(tables)
                .concatMap(table ->
                        db.sql("alter table " + table + " disable trigger user").then())
                .then(db.sql(sql).then())
                .thenMany(Flux.fromIterable(tables)
                        .concatMap(table -> db.sql("alter table " + table + " enable trigger user")
                                .then()))
                .then()
                .block();
    }
}
