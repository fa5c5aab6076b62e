package dev.rightsplatform.rights.receipt;

import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskAction;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore.RetentionView;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a receipt says (format {@code rights-receipt/1}): the request (id, type, the purpose of a withdrawal), the rule
 * and deadline it met, and what every system did, with its proof counts and what it keeps under a legal hold. No
 * personal data: not the person's address, name or account id, not an agent's free text (a refusal or extension
 * reason, a note, a system's detail), only ids, times, counts, the system's own reference and the legal holds'
 * categories and bases. Keys are written in this order and times as ISO-8601 instants in UTC.
 */
final class ReceiptPayload {

    static final String FORMAT = "rights-receipt/1";

    /** What a system's part came to, by its action; an erasure's by what the system reported. */
    static final String CLEARED = "CLEARED";

    static final String DISABLED = "DISABLED";
    static final String ENABLED = "ENABLED";
    static final String WITHDRAWN = "WITHDRAWN";
    static final String COLLECTED = "COLLECTED";
    static final String DELETED = "DELETED";
    static final String ANONYMISED = "ANONYMISED";
    static final String DELETED_AND_ANONYMISED = "DELETED_AND_ANONYMISED";
    static final String RETAINED = "RETAINED";

    private ReceiptPayload() {}

    static Map<String, Object> of(
            UUID receiptId,
            RightsRequest request,
            List<Task> tasks,
            List<RetentionView> holds,
            Instant issuedAt,
            String issuer) {
        var deadline = request.deadline();
        var body = new LinkedHashMap<String, Object>();
        body.put("receiptId", receiptId.toString());
        body.put("requestId", request.id().toString());
        body.put("type", request.type().name());
        if (request.type() == RequestType.WITHDRAW_CONSENT) {
            body.put("purpose", request.purpose());
        }
        body.put("jurisdiction", request.subject().jurisdiction());
        body.put("regime", deadline.regime());
        body.put("dueRule", deadline.rule());
        body.put("receivedAt", text(request.receivedAt()));
        body.put("dueAt", text(deadline.dueAt()));
        body.put(
                "dueDate",
                deadline.dueDate() == null ? null : deadline.dueDate().toString());
        body.put("dueZone", deadline.zone());
        var extension = request.extension();
        body.put(
                "extension",
                extension == null
                        ? null
                        : ordered(
                                "extendedAt",
                                text(extension.extendedAt()),
                                "originalDueAt",
                                text(extension.originalDueAt())));
        body.put("completedAt", text(request.closedAt()));
        body.put("onTime", request.closedAt() != null && !request.closedAt().isAfter(deadline.dueAt()));
        body.put("systems", systems(tasks, holds));
        body.put("issuedAt", text(issuedAt));
        body.put("issuer", issuer);
        return body;
    }

    private static List<Map<String, Object>> systems(List<Task> tasks, List<RetentionView> holds) {
        var done =
                tasks.stream().filter(task -> task.status() == TaskStatus.DONE).toList();
        var holdsBySystem = holds.stream()
                .collect(Collectors.groupingBy(RetentionView::systemId, LinkedHashMap::new, Collectors.toList()));
        var systems = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < done.size(); i++) {
            var task = done.get(i);
            var systemHolds = holdsOf(task, i, done, holdsBySystem);
            var entry = new LinkedHashMap<String, Object>();
            entry.put("systemId", task.systemId());
            entry.put("action", task.action().name());
            entry.put("step", task.phase());
            entry.put("outcome", outcome(task, systemHolds));
            entry.put("completedAt", text(task.completedAt()));
            entry.put("reference", task.systemReference());
            entry.put("proof", proof(task.proof()));
            entry.put(
                    "retained",
                    systemHolds.stream()
                            .map(hold -> ordered(
                                    "category",
                                    hold.category(),
                                    "basis",
                                    hold.basis(),
                                    "until",
                                    hold.until() == null ? null : hold.until().toString()))
                            .toList());
            systems.add(entry);
        }
        return systems;
    }

    /**
     * A system's legal holds go with its erasure (or withdrawal), where they were reported; holds of a system that
     * did neither go with its last part, so that none is left out.
     */
    private static List<RetentionView> holdsOf(
            Task task, int index, List<Task> done, Map<String, List<RetentionView>> holdsBySystem) {
        var holds = holdsBySystem.getOrDefault(task.systemId(), List.of());
        if (holds.isEmpty()) {
            return holds;
        }
        if (task.action() == TaskAction.ERASE || task.action() == TaskAction.WITHDRAW) {
            return holds;
        }
        var sameSystem = done.stream()
                .filter(other -> other.systemId().equals(task.systemId()))
                .toList();
        var carriedElsewhere = sameSystem.stream()
                .anyMatch(other -> other.action() == TaskAction.ERASE || other.action() == TaskAction.WITHDRAW);
        var last = sameSystem.get(sameSystem.size() - 1) == done.get(index);
        return !carriedElsewhere && last ? holds : List.of();
    }

    static String outcome(Task task, List<RetentionView> holds) {
        return switch (task.action()) {
            case PRECHECK -> CLEARED;
            case DISABLE -> DISABLED;
            case ENABLE -> ENABLED;
            case WITHDRAW -> WITHDRAWN;
            case COLLECT -> COLLECTED;
            case ERASE -> erasure(task.proof(), holds);
        };
    }

    /**
     * RETAINED when the system keeps data under a legal hold (listed beside it; the proof counts say what else it
     * deleted or anonymised); else ANONYMISED when it only anonymised, DELETED_AND_ANONYMISED when it did both, and
     * DELETED otherwise (a system that reports no counts, such as the account's, deleted).
     */
    private static String erasure(Task.@Nullable Proof proof, List<RetentionView> holds) {
        var deleted = proof == null ? 0 : Objects.requireNonNullElse(proof.deleted(), 0);
        var anonymised = proof == null ? 0 : Objects.requireNonNullElse(proof.anonymised(), 0);
        var retained = proof == null ? 0 : Objects.requireNonNullElse(proof.retained(), 0);
        if (!holds.isEmpty() || retained > 0) {
            return RETAINED;
        }
        if (anonymised > 0) {
            return deleted > 0 ? DELETED_AND_ANONYMISED : ANONYMISED;
        }
        return DELETED;
    }

    private static @Nullable Map<String, Object> proof(Task.@Nullable Proof proof) {
        if (proof == null || proof.deleted() == null && proof.anonymised() == null && proof.retained() == null) {
            return null;
        }
        return ordered("deleted", proof.deleted(), "anonymised", proof.anonymised(), "retained", proof.retained());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
