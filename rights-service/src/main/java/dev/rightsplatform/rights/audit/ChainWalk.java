package dev.rightsplatform.rights.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walks the entries in chain order (by chain, then place) and recomputes every link: an edited entry breaks its own
 * hash, a deleted or reordered one leaves a gap in the places or breaks the next entry's link, an entry moved to
 * another request's chain is filed under the wrong chain. After a finding the walk resumes from the entry as stored,
 * so one tampered entry is reported once.
 */
final class ChainWalk {

    private final List<AuditVerification.Problem> problems = new ArrayList<>();
    private String chain;
    private long expectedPos;
    private String lastHash;
    private long lastSeq;
    private long entries;
    private long chains;

    void accept(AuditEntry entry) {
        entries++;
        if (!entry.chain().equals(chain)) {
            chain = entry.chain();
            chains++;
            expectedPos = 1;
            lastHash = AuditHash.GENESIS;
            lastSeq = Long.MIN_VALUE;
        }
        var problem = problemOf(entry);
        if (problem != null) {
            problems.add(new AuditVerification.Problem(entry.seq(), null, entry.chain(), entry.pos(), problem));
        }
        expectedPos = entry.pos() + 1;
        lastHash = entry.hash();
        lastSeq = entry.seq();
    }

    private String problemOf(AuditEntry entry) {
        if (!AuditEntry.LEGACY_CHAIN.equals(entry.chain())
                && !entry.chain().equals(AuditEntry.chainOf(entry.requestId(), entry.actor()))) {
            return "entry is filed under another chain than its request's (or, without a request, its actor's)";
        }
        if (entry.pos() != expectedPos) {
            return entry.pos() > expectedPos
                    ? "the entry before it in its chain is missing (deleted)"
                    : "entry repeats a place in its chain";
        }
        if (!entry.prevHash().equals(lastHash)) {
            return "entry does not link to the one before it in its chain (an entry was removed, changed or reordered)";
        }
        if (entry.seq() <= lastSeq) {
            return "entry is out of order in its chain";
        }
        var expected = AuditHash.of(
                entry.prevHash(), entry.requestId(), entry.occurredAt(), entry.actor(), entry.action(), entry.detail());
        return Objects.equals(expected, entry.hash()) ? null : "entry's content does not match its hash";
    }

    List<AuditVerification.Problem> problems() {
        return problems;
    }

    long entries() {
        return entries;
    }

    long chains() {
        return chains;
    }
}
