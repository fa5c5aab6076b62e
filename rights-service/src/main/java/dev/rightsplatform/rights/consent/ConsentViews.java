package dev.rightsplatform.rights.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the consent API shows. Never a ledger row as such: the person sees no agent's id. */
final class ConsentViews {

    private ConsentViews() {}

    /** A catalogued purpose with its current notice, in one language. */
    record PurposeView(String id, String title, String noticeVersion, String notice, boolean gpc, String language) {

        static PurposeView of(ConsentCatalogue.Purpose purpose, String language) {
            return new PurposeView(
                    purpose.id(),
                    purpose.title(language),
                    purpose.currentVersion(),
                    purpose.currentNotice(language),
                    purpose.gpc(),
                    language);
        }
    }

    /**
     * Where the person stands on one purpose: {@code granted}, and the latest event behind it ({@code lastAction},
     * the notice version it refers to, since when, how, and for a withdrawal the request that propagates it); all
     * null when the person never consented or withdrew. {@code currentNoticeVersion}: a grant of an older version
     * may need to be asked for again.
     */
    record ConsentState(
            String purpose,
            String title,
            boolean granted,
            @Nullable ConsentAction lastAction,
            @Nullable String noticeVersion,
            String currentNoticeVersion,
            @Nullable Instant since,
            @Nullable ConsentMethod method,
            @Nullable UUID requestId) {

        static ConsentState of(ConsentCatalogue.Purpose purpose, @Nullable ConsentEvent latest, String language) {
            if (latest == null) {
                return new ConsentState(
                        purpose.id(),
                        purpose.title(language),
                        false,
                        null,
                        null,
                        purpose.currentVersion(),
                        null,
                        null,
                        null);
            }
            return new ConsentState(
                    purpose.id(),
                    purpose.title(language),
                    latest.action() == ConsentAction.GRANTED,
                    latest.action(),
                    latest.noticeVersion(),
                    purpose.currentVersion(),
                    latest.occurredAt(),
                    latest.method(),
                    latest.requestId());
        }
    }

    /** One event of the history; {@code agentId} only in the agents' view. */
    record HistoryItem(
            long seq,
            String purpose,
            String noticeVersion,
            ConsentAction action,
            ConsentMethod method,
            Instant occurredAt,
            @Nullable UUID requestId,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String agentId) {

        static HistoryItem forPerson(ConsentEvent event) {
            return new HistoryItem(
                    event.seq(),
                    event.purpose(),
                    event.noticeVersion(),
                    event.action(),
                    event.method(),
                    event.occurredAt(),
                    event.requestId(),
                    null);
        }

        static HistoryItem forAgent(ConsentEvent event) {
            return new HistoryItem(
                    event.seq(),
                    event.purpose(),
                    event.noticeVersion(),
                    event.action(),
                    event.method(),
                    event.occurredAt(),
                    event.requestId(),
                    event.agentId());
        }
    }

    /** A page of history, newest first; {@code next} is the cursor ({@code before}) of the next page, null on the last. */
    record HistoryPage(List<HistoryItem> items, @Nullable String next) {}
}
