package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What agents may do with messages the outbox gave up on: list them (where each was going, how often it was tried,
 * why it failed; never a payload, so no personal data) and resubmit one. Both are audited under the agent, in the
 * transaction of what they read or change.
 */
@Component
class FailedMessages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final OutboxRegistry registry;
    private final AuditTrail audit;
    private final TransactionalOperator transactional;
    private final ObjectProvider<ChannelRelay> relays;
    private final Clock clock;

    FailedMessages(
            OutboxRegistry registry,
            AuditTrail audit,
            TransactionalOperator transactional,
            ObjectProvider<ChannelRelay> relays,
            Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.transactional = transactional;
        this.relays = relays;
        this.clock = clock;
    }

    /** A failed message as agents see it. {@code destination}: exchange and routing key, or a callback's host. */
    record FailedMessage(
            UUID id,
            String channel,
            String type,
            String destination,
            int attempts,
            Instant createdAt,
            Instant failedAt,
            @Nullable Instant resubmittedAt,
            @Nullable String lastError) {}

    /** One page; {@code next} is the {@code after} of the following page, null on the last. */
    record Page(List<FailedMessage> items, @Nullable UUID next) {}

    Mono<Page> list(String actor, @Nullable Integer limit, @Nullable UUID after) {
        var size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return registry.failedRows(size, after)
                .flatMap(rows -> audit.append(null, actor, "outbox.failed-listed", Map.of("count", rows.size()))
                        .thenReturn(rows))
                .map(rows -> new Page(
                        rows.stream().map(FailedMessages::view).toList(),
                        rows.size() == size ? rows.get(rows.size() - 1).id() : null))
                .as(transactional::transactional);
    }

    /** Puts a FAILED message back in line, due now with its attempts counted afresh. */
    Mono<Void> resubmit(String actor, UUID id) {
        return registry.resubmit(id, clock.instant())
                .switchIfEmpty(Mono.defer(() -> registry.exists(id)
                        .flatMap(exists -> Mono.error(
                                exists
                                        ? new ApiException(
                                                ProblemType.OUTBOX_MESSAGE_NOT_FAILED,
                                                "The message is not failed: it is on its way or already delivered.")
                                        : new ApiException(
                                                ProblemType.OUTBOX_MESSAGE_NOT_FOUND,
                                                "No outbox message has this id.")))))
                .flatMap(resubmitted -> audit.append(
                                null,
                                actor,
                                "outbox.resubmitted",
                                Map.of(
                                        "messageId", resubmitted.id().toString(),
                                        "channel", resubmitted.channel(),
                                        "type", resubmitted.type(),
                                        "attemptsBefore", resubmitted.attemptsBefore()))
                        .thenReturn(resubmitted.channel()))
                .as(transactional::transactional)
                .doOnNext(channel -> relays.stream()
                        .filter(relay -> relay.channel().equals(channel))
                        .forEach(ChannelRelay::wakeUp))
                .then();
    }

    private static FailedMessage view(OutboxRegistry.FailedRow row) {
        return new FailedMessage(
                row.id(),
                row.channel(),
                row.type(),
                destination(row),
                row.attempts(),
                row.createdAt(),
                row.failedAt(),
                row.resubmittedAt(),
                row.lastError());
    }

    /** Where it was going, without a URL's path or query (which a partner may fill with anything). */
    private static String destination(OutboxRegistry.FailedRow row) {
        if (row.exchange() != null) {
            return row.exchange() + " " + row.routingKey();
        }
        try {
            var url = URI.create(row.target() == null ? "" : row.target());
            return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        } catch (IllegalArgumentException e) {
            return "(unreadable target)";
        }
    }
}
