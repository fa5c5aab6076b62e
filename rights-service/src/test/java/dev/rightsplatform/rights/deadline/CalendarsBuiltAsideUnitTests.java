package dev.rightsplatform.rights.deadline;

import static dev.rightsplatform.rights.deadline.Deadlines.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The engine Spring makes builds its holiday calendars on a thread of its own while the service starts: the answers
 * are those of the engine that builds them at once, and a wrong calendar still stops the start, at the end of it.
 */
class CalendarsBuiltAsideUnitTests {

    private static DeadlineEngine springsEngine(MockEnvironment environment) {
        return new DeadlineEngine(new DeadlineProperties(null), environment);
    }

    @ParameterizedTest(name = "{0} {1} received {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CN | DEREGISTER | 2025-09-26T02:00:00Z
            DE | ACCESS     | 2025-12-19T10:00:00Z
            GB | EXPORT     | 2025-04-14T09:00:00Z
            US-VA | ACCESS  | 2025-11-20T18:00:00Z
            """)
    void answersAsTheEngineThatBuildsThemAtOnce(String jurisdiction, DeadlineKind kind, String receivedAt) {
        var engine = springsEngine(new MockEnvironment());
        engine.afterSingletonsInstantiated();

        assertThat(engine.compute(query(jurisdiction, kind, receivedAt)))
                .isEqualTo(Deadlines.shipped().compute(query(jurisdiction, kind, receivedAt)));
        assertThat(engine.jurisdictions()).isEqualTo(Deadlines.shipped().jurisdictions());
    }

    @Test
    void aComputationBeforeTheStartHasEndedWaitsForTheCalendars() {
        var engine = springsEngine(new MockEnvironment());

        assertThat(engine.compute(query("DE", DeadlineKind.ACCESS, "2025-12-19T10:00:00Z")))
                .isEqualTo(Deadlines.shipped().compute(query("DE", DeadlineKind.ACCESS, "2025-12-19T10:00:00Z")));
    }

    @Test
    void aWrongCalendarStopsTheStartWhenTheContextWaitsForIt() {
        var environment =
                new MockEnvironment().withProperty("rights.deadline.jurisdictions.GB-SCT.holidays", "jollyday:gb/xyz");

        var engine = springsEngine(environment);

        assertThatThrownBy(engine::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rights.deadline.jurisdictions.GB-SCT.holidays")
                .hasMessageContaining("no subdivision 'xyz'");
        assertThatThrownBy(() -> engine.compute(query("GB-SCT", DeadlineKind.ACCESS, "2025-04-14T09:00:00Z")))
                .as("and so does every later use")
                .isInstanceOf(IllegalStateException.class);
    }
}
