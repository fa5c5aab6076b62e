package dev.rightsplatform.rights.deadline;

import java.time.Instant;
import org.springframework.mock.env.MockEnvironment;

/** Object Mother of the deadline tests: the engine as shipped (defaults and calendar files), built without Spring. */
final class Deadlines {

    private static final DeadlineEngine SHIPPED = engine(new MockEnvironment());

    private Deadlines() {}

    static DeadlineEngine shipped() {
        return SHIPPED;
    }

    /** The shipped defaults under the settings of {@code environment}, as an operator would override them. */
    static DeadlineEngine engine(MockEnvironment environment) {
        return new DeadlineEngine(DeadlineCatalog.load(environment), ChinaCalendar.load(null));
    }

    static DeadlineQuery query(String jurisdiction, DeadlineKind kind, String receivedAt) {
        return DeadlineQuery.of(jurisdiction, kind, Instant.parse(receivedAt));
    }
}
