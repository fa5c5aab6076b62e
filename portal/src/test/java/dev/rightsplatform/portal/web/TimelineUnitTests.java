package dev.rightsplatform.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.portal.api.AuditEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail told as sentences: each step its message key and the details it names. */
class TimelineUnitTests {

    private static final Instant AT = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void eachStepBecomesASentenceAndBookkeepingIsLeftOut() {
        var entries = List.of(
                entry(1, "request.received", "{}"),
                entry(2, "tasks.dispatched", "{\"step\":1}"),
                entry(3, "task.done", "{\"systemId\":\"crm\",\"action\":\"ERASE\",\"deleted\":3}"),
                entry(
                        4,
                        "task.blocked",
                        "{\"systemId\":\"billing\",\"action\":\"PRECHECK\",\"detail\":\"outstanding balance\"}"),
                entry(5, "task.failed", "{\"systemId\":\"orders\",\"action\":\"ERASE\"}"),
                entry(6, "request.refused", "{\"reason\":\"not the account holder\"}"),
                entry(7, "something.new", null));

        var steps = Timeline.of(entries, JsonMapper.builder().build());

        assertThat(steps)
                .extracting(Timeline.Step::key)
                .containsExactly(
                        "timeline.request.received",
                        "timeline.task.done.ERASE",
                        "timeline.task.blocked",
                        "timeline.task.failed",
                        "timeline.request.refused",
                        "timeline.something.new");
        assertThat(steps.get(1).arguments()).containsExactly("crm");
        assertThat(steps.get(2).arguments()).containsExactly("billing", "outstanding balance");
        assertThat(steps.get(2).tone()).isEqualTo("problem");
        assertThat(steps.get(4).arguments()).containsExactly("not the account holder");
        assertThat(steps.get(5).arguments())
                .as("an unknown step is shown by its name")
                .containsExactly("something.new");
    }

    private static AuditEntry entry(long seq, String action, String detail) {
        return new AuditEntry(seq, AT.plusSeconds(seq), "system", action, detail);
    }
}
