package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.Request;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which actions the console offers for a request in its current status, mirroring rights-service's guarded
 * transitions (RightsRequest: approve from review; refuse before the work runs or when it needs attention; cancel
 * until the erasure starts; extend once while open and not yet due). rights-service keeps the last word: a click
 * that arrives after the request moved on is refused there and explained on the page.
 */
record ConsoleActions(
        boolean approve, boolean refuse, boolean extend, boolean cancel, Set<UUID> retry, Set<UUID> confirm) {

    private static final Set<String> REFUSABLE =
            Set.of("RECEIVED", "AWAITING_VERIFICATION", "AWAITING_REVIEW", "NEEDS_ATTENTION");
    private static final Set<String> CANCELLABLE =
            Set.of("RECEIVED", "AWAITING_VERIFICATION", "AWAITING_REVIEW", "COOLING_OFF");

    static ConsoleActions of(Request request) {
        var status = request.status();
        return new ConsoleActions(
                "AWAITING_REVIEW".equals(status),
                REFUSABLE.contains(status),
                !request.isFinal() && request.extension() == null,
                CANCELLABLE.contains(status),
                tasks(request, ConsoleActions::retryable),
                tasks(request, ConsoleActions::confirmable));
    }

    private static Set<UUID> tasks(Request request, java.util.function.Predicate<Request.SystemProgress> which) {
        return request.systemList().stream()
                .filter(which)
                .map(Request.SystemProgress::taskId)
                .collect(Collectors.toSet());
    }

    /** A failed or blocked task can be tried again (a fresh task supersedes it). */
    static boolean retryable(Request.SystemProgress task) {
        return "FAILED".equals(task.status()) || "BLOCKED".equals(task.status());
    }

    /** A manual system's part waits for an agent to confirm it was done. */
    static boolean confirmable(Request.SystemProgress task) {
        return "AWAITING_AGENT".equals(task.status());
    }

    public boolean any() {
        return approve || refuse || extend || cancel;
    }
}
