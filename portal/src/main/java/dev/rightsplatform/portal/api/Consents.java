package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The consent API's answers: the catalogue, the person's state per purpose, their history. */
public final class Consents {

    private Consents() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Purpose(String id, String title, String noticeVersion, String notice, boolean gpc) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(
            String purpose,
            String title,
            boolean granted,
            @Nullable String lastAction,
            @Nullable String noticeVersion,
            String currentNoticeVersion,
            @Nullable Instant since,
            @Nullable String method,
            @Nullable UUID requestId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryItem(
            long seq,
            String purpose,
            String noticeVersion,
            String action,
            String method,
            Instant occurredAt,
            @Nullable UUID requestId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryPage(
            List<HistoryItem> items, @Nullable String next) {}
}
