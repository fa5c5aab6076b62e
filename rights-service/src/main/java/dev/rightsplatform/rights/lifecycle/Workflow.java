package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.type.RequestType;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which steps a request of each type goes through, in order: the declaration {@link RequestLifecycle} follows and the
 * README's diagram is drawn from. A step that reaches no system (no pre-check registered, no account system) is
 * skipped; COOLING_OFF runs only after DISABLE.
 */
public final class Workflow {

    private static final Map<RequestType, List<Step>> STEPS = Map.of(
            RequestType.DEREGISTER, List.of(Step.PRECHECK, Step.DISABLE, Step.COOLING_OFF, Step.ERASE),
            RequestType.ACCESS, List.of(Step.COLLECT),
            RequestType.EXPORT, List.of(Step.COLLECT, Step.BUILD_EXPORT),
            RequestType.WITHDRAW_CONSENT, List.of(Step.WITHDRAW));

    private Workflow() {}

    /** The steps of {@code type}, in order. */
    public static List<Step> of(RequestType type) {
        return STEPS.get(type);
    }

    /** The step after {@code step} for {@code type}; null after the last, or for a step outside it (an undo). */
    public static @Nullable Step after(RequestType type, Step step) {
        var steps = of(type);
        var index = steps.indexOf(step);
        return index >= 0 && index + 1 < steps.size() ? steps.get(index + 1) : null;
    }
}
