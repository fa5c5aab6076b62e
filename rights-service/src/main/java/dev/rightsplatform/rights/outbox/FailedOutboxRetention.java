package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.scheduling.RetentionSweep;
import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes FAILED outbox rows (sealed payloads) once they are older than {@code rights.outbox.failed-retention} (30 days
 * by default): long enough for agents to see them and resubmit, not a place where messages pile up for ever.
 */
@Component
class FailedOutboxRetention extends RetentionSweep {

    FailedOutboxRetention(DatabaseClient db, OutboxProperties properties, Clock clock) {
        super("failed outbox rows", """
                delete from outbox_message where id in (
                    select id from outbox_message where status = 'FAILED' and failed_at < :cutoff
                    limit :batch for update skip locked)""", db, properties.failedRetention(), clock);
    }
}
