package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a bulk action did to each request of the selection: done, or the problem code that stopped it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BulkResults(String action, int done, int refused, List<Item> items) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            UUID requestId,
            boolean ok,
            @Nullable String status,
            @Nullable String problem,
            @Nullable String detail) {}
}
