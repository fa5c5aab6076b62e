package dev.rightsplatform.rights.consent;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the ledger. Holds nothing personal beyond the person's account id (and the agent's, for
 * {@link ConsentMethod#AGENT}).
 *
 * @param seq       its place in the ledger (ever increasing)
 * @param requestId the WITHDRAW_CONSENT request that propagates a withdrawal; null for a grant
 * @param agentId   the agent who recorded it, for method AGENT
 * @param prevSeq   the event it follows for the same person and purpose; null for the first
 */
record ConsentEvent(
        long seq,
        String subjectId,
        String purpose,
        String noticeVersion,
        ConsentAction action,
        ConsentMethod method,
        Instant occurredAt,
        @Nullable UUID requestId,
        @Nullable String agentId,
        @Nullable Long prevSeq) {}
