package dev.rightsplatform.rights.lifecycle;

import static dev.rightsplatform.rights.lifecycle.RequestStatus.AWAITING_REVIEW;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.AWAITING_VERIFICATION;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.CANCELLED;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.COMPLETED;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.COOLING_OFF;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.IN_PROGRESS;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.NEEDS_ATTENTION;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.RECEIVED;
import static dev.rightsplatform.rights.lifecycle.RequestStatus.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.rights.lifecycle.RightsRequest.Deadline;
import dev.rightsplatform.rights.lifecycle.RightsRequest.Transition;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every step from every state: the legal ones land in the expected state with the expected event, every other
 * one throws {@link IllegalTransitionException}.
 */
class RightsRequestUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Deadline DEADLINE = new Deadline(
            NOW.plusSeconds(30 * 86400),
            LocalDate.of(2026, 12, 28),
            "Asia/Shanghai",
            "PIPL",
            "test rule",
            false,
            NOW.plusSeconds(27 * 86400));

    /** step name -> (the step, and for each state it is legal in: the state it leads to). */
    private static final Map<String, Step> STEPS = Map.ofEntries(
            Map.entry(
                    "awaitVerification",
                    new Step(
                            RightsRequest::awaitVerification,
                            Map.of(RECEIVED, AWAITING_VERIFICATION),
                            LifecycleEvent.VERIFICATION_REQUIRED)),
            Map.entry(
                    "verified",
                    new Step(
                            RightsRequest::verified, Map.of(AWAITING_VERIFICATION, RECEIVED), LifecycleEvent.VERIFIED)),
            Map.entry(
                    "awaitReview",
                    new Step(
                            RightsRequest::awaitReview,
                            Map.of(RECEIVED, AWAITING_REVIEW),
                            LifecycleEvent.REVIEW_REQUIRED)),
            Map.entry("start", new Step(RightsRequest::start, Map.of(RECEIVED, IN_PROGRESS), LifecycleEvent.STARTED)),
            Map.entry(
                    "approve",
                    new Step(RightsRequest::approve, Map.of(AWAITING_REVIEW, IN_PROGRESS), LifecycleEvent.APPROVED)),
            Map.entry(
                    "startCoolingOff",
                    new Step(
                            RightsRequest::startCoolingOff,
                            Map.of(IN_PROGRESS, COOLING_OFF),
                            LifecycleEvent.COOLING_OFF_STARTED)),
            Map.entry(
                    "endCoolingOff",
                    new Step(
                            RightsRequest::endCoolingOff,
                            Map.of(COOLING_OFF, IN_PROGRESS),
                            LifecycleEvent.COOLING_OFF_ENDED)),
            Map.entry(
                    "flagForAttention",
                    new Step(
                            RightsRequest::flagForAttention,
                            Map.of(IN_PROGRESS, NEEDS_ATTENTION),
                            LifecycleEvent.NEEDS_ATTENTION)),
            Map.entry(
                    "resume",
                    new Step(RightsRequest::resume, Map.of(NEEDS_ATTENTION, IN_PROGRESS), LifecycleEvent.RESUMED)),
            Map.entry(
                    "complete",
                    new Step(r -> r.complete(NOW), Map.of(IN_PROGRESS, COMPLETED), LifecycleEvent.COMPLETED)),
            Map.entry(
                    "refuse",
                    new Step(
                            r -> r.refuse("the account has an open dispute", NOW),
                            Map.of(
                                    RECEIVED,
                                    REFUSED,
                                    AWAITING_VERIFICATION,
                                    REFUSED,
                                    AWAITING_REVIEW,
                                    REFUSED,
                                    NEEDS_ATTENTION,
                                    REFUSED),
                            LifecycleEvent.REFUSED)),
            Map.entry(
                    "cancel",
                    new Step(
                            r -> r.cancel(NOW),
                            Map.of(
                                    RECEIVED,
                                    CANCELLED,
                                    AWAITING_VERIFICATION,
                                    CANCELLED,
                                    AWAITING_REVIEW,
                                    CANCELLED,
                                    COOLING_OFF,
                                    CANCELLED),
                            LifecycleEvent.CANCELLED)));

    record Step(
            Function<RightsRequest, Transition> apply, Map<RequestStatus, RequestStatus> legal, LifecycleEvent event) {}

    static Stream<Arguments> everyStepFromEveryState() {
        return STEPS.keySet().stream()
                .sorted()
                .flatMap(step -> Arrays.stream(RequestStatus.values()).map(state -> Arguments.of(step, state)));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyStepFromEveryState")
    void stepFromState(String stepName, RequestStatus from) {
        var step = STEPS.get(stepName);
        var request = in(from);
        var expected = step.legal().get(from);
        if (expected == null) {
            assertThatThrownBy(() -> step.apply().apply(request)).isInstanceOf(IllegalTransitionException.class);
            return;
        }
        var transition = step.apply().apply(request);
        assertThat(transition.request().status()).isEqualTo(expected);
        assertThat(transition.events()).containsExactly(step.event());
        assertThat(transition.request().closedAt()).isEqualTo(expected.isOpen() ? null : NOW);
    }

    @ParameterizedTest(name = "extend from {0}")
    @MethodSource("states")
    void extendIsAllowedOnceWhileOpenAndBeforeTheDeadline(RequestStatus from) {
        var longer = new Deadline(
                DEADLINE.dueAt().plusSeconds(60 * 86400),
                DEADLINE.dueDate().plusDays(60),
                DEADLINE.zone(),
                DEADLINE.regime(),
                "extended",
                false,
                DEADLINE.dueSoonAt().plusSeconds(60 * 86400));
        var request = in(from);
        if (!from.isOpen()) {
            assertThatThrownBy(() -> request.extend(longer, "complex", NOW))
                    .isInstanceOf(IllegalTransitionException.class);
            return;
        }
        var extended = request.extend(longer, "complex", NOW);
        assertThat(extended.request().deadline()).isEqualTo(longer);
        assertThat(extended.request().extension().originalDueAt()).isEqualTo(DEADLINE.dueAt());
        assertThat(extended.events()).containsExactly(LifecycleEvent.EXTENDED);
        assertThatThrownBy(() -> extended.request().extend(longer, "again", NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() ->
                        request.extend(longer, "too late", DEADLINE.dueAt().plusSeconds(1)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aConsentWithdrawalAndOnlyItNamesAPurposeKeptThroughItsTransitions() {
        var withdrawal = RightsRequest.receive(
                UUID.randomUUID(), subject(), RequestType.WITHDRAW_CONSENT, NOW, DEADLINE, "marketing");
        assertThat(withdrawal.events()).containsExactly(LifecycleEvent.RECEIVED);
        assertThat(withdrawal.request().status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(withdrawal
                        .request()
                        .start()
                        .request()
                        .complete(NOW)
                        .request()
                        .purpose())
                .isEqualTo("marketing");
        assertThatThrownBy(() -> RightsRequest.receive(
                        UUID.randomUUID(), subject(), RequestType.WITHDRAW_CONSENT, NOW, DEADLINE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RightsRequest.receive(
                        UUID.randomUUID(), subject(), RequestType.DEREGISTER, NOW, DEADLINE, "marketing"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "cooling off needs a deregistration: {0}")
    @MethodSource("otherTypes")
    void onlyDeregistrationsCoolOff(RequestType type) {
        var request = new RightsRequest(
                UUID.randomUUID(), subject(), type, IN_PROGRESS, NOW, DEADLINE, null, null, null, null);
        assertThatThrownBy(request::startCoolingOff).isInstanceOf(IllegalTransitionException.class);
    }

    static Stream<RequestStatus> states() {
        return Arrays.stream(RequestStatus.values());
    }

    static Stream<RequestType> otherTypes() {
        return Arrays.stream(RequestType.values()).filter(type -> type != RequestType.DEREGISTER);
    }

    private static RightsRequest in(RequestStatus status) {
        return new RightsRequest(
                UUID.randomUUID(),
                subject(),
                RequestType.DEREGISTER,
                status,
                NOW,
                DEADLINE,
                null,
                null,
                status.isOpen() ? null : NOW,
                null);
    }

    private static RightsRequest.Subject subject() {
        return new RightsRequest.Subject("s", "s@example.com", "en", "CN");
    }
}
