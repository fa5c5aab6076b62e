package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.scheduling.RetentionSweep;
import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes published outbox rows, of every channel, older than {@code rights.outbox.retention} (7 days by default): a
 * relay table keeps what is still to be sent, not a history. A pending, processing or failed row is never touched.
 */
@Component
class OutboxRetention extends RetentionSweep {

    OutboxRetention(DatabaseClient db, OutboxProperties properties, Clock clock) {
        super("published outbox rows", """
                delete from outbox_message where id in (
                    select id from outbox_message where status = 'PUBLISHED' and published_at < :cutoff
                    limit :batch for update skip locked)""", db, properties.retention(), clock);
    }
}
