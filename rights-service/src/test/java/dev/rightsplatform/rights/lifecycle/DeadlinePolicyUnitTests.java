package dev.rightsplatform.rights.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.deadline.DeadlineEngine;
import dev.rightsplatform.rights.deadline.DeadlineKind;
import dev.rightsplatform.rights.deadline.DeadlineProperties;
import dev.rightsplatform.rights.deadline.DeadlineQuery;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The lifecycle's door to the deadline engine: the shape it stores, Chinese rule included. */
class DeadlinePolicyUnitTests {

    private final DeadlineEngine engine = new DeadlineEngine(new DeadlineProperties(null), new MockEnvironment());
    private final DeadlinePolicy policy = new DeadlinePolicy(engine);

    @Test
    void theLifecyclesDoorGivesItsDeadlineShape() {
        var deadline = policy.dueDateFor(RequestType.DEREGISTER, "CN", Instant.parse("2025-01-20T02:00:00Z"));
        var extended = policy.extensionOf(RequestType.ACCESS, "GB", Instant.parse("2025-09-03T09:00:00Z"), deadline);

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2025, 2, 14));
        assertThat(deadline.zone()).isEqualTo("Asia/Shanghai");
        assertThat(deadline.regime()).isEqualTo("PIPL");
        // due soon three working days before, as the rule counts: from Tue 11 Feb 00:00 in Shanghai
        assertThat(deadline.dueSoonAt()).isEqualTo(Instant.parse("2025-02-10T16:00:00Z"));
        assertThat(extended.dueDate()).isEqualTo(LocalDate.of(2025, 12, 3));
    }

    @Test
    void theChineseRuleIsStoredAsTheEngineWroteIt() {
        var received = Instant.parse("2024-02-29T10:00:00Z");
        for (var computed : new java.util.ArrayList<>(java.util.List.of(
                engine.compute(DeadlineQuery.of("DE", DeadlineKind.ACCESS, received)),
                engine.extend(DeadlineQuery.of("DE", DeadlineKind.ACCESS, received)),
                engine.compute(DeadlineQuery.of("CN", DeadlineKind.ACCESS, Instant.parse("2025-03-03T02:00:00Z"))),
                engine.compute(
                        DeadlineQuery.of("CN", DeadlineKind.DEREGISTER, Instant.parse("2026-12-20T02:00:00Z")))))) {
            var stored = DeadlinePolicy.toDeadline(computed);
            assertThat(stored.ruleZh()).isEqualTo(computed.ruleZh()).isNotNull();
            assertThat(stored.rule()).isEqualTo(computed.rule());
            assertThat(stored.provisional()).isEqualTo(computed.provisional());
        }
    }
}
