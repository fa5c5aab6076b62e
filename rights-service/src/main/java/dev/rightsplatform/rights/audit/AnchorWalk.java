package dev.rightsplatform.rights.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the anchors in order: each links to the one before it, its root is the Merkle root of the heads stored with
 * it, its hash covers its fields, and the platform key signed it. A forged, edited, reordered or removed (but the
 * newest) anchor fails one of these.
 */
final class AnchorWalk {

    private final AnchorKey key;
    private final List<AuditVerification.Problem> problems = new ArrayList<>();
    private String lastHash = AuditHash.GENESIS;
    private long lastId;
    private AuditAnchor last;
    private long anchors;

    AnchorWalk(AnchorKey key) {
        this.key = key;
    }

    void accept(AuditAnchor anchor, List<AuditAnchor.Head> heads) {
        anchors++;
        var problem = problemOf(anchor, heads);
        if (problem != null) {
            problems.add(new AuditVerification.Problem(null, anchor.id(), null, null, problem));
        }
        lastHash = anchor.hash();
        lastId = anchor.id();
        last = anchor;
    }

    private String problemOf(AuditAnchor anchor, List<AuditAnchor.Head> heads) {
        if (anchor.id() != lastId + 1 || !anchor.prevHash().equals(lastHash)) {
            return "anchor does not link to the one before it (an anchor was removed, changed or inserted)";
        }
        if (anchor.heads() != heads.size() || !anchor.root().equals(AuditAnchor.merkleRoot(heads))) {
            return "the chain heads stored with the anchor are not the ones it signed";
        }
        if (!anchor.hash().equals(AuditHash.sha256(anchor.text()))) {
            return "anchor's fields do not match its hash";
        }
        if (!anchor.certificateSha256().equals(key.fingerprint())) {
            return "anchor was signed by another key than the platform's (certificate SHA-256 "
                    + anchor.certificateSha256() + ")";
        }
        return key.verifies(anchor.text(), anchor.signature())
                ? null
                : "anchor's signature is not the platform key's (forged or changed)";
    }

    List<AuditVerification.Problem> problems() {
        return problems;
    }

    long anchors() {
        return anchors;
    }

    AuditAnchor last() {
        return last;
    }
}
