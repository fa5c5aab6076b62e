package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.scheduling.RetentionSweep;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes status callbacks that are done with — delivered, or failed for good — once they are older than
 * {@code rights.opendsr.callbacks.retention} (7 days by default), like the outbox's published rows: a relay table keeps
 * what is still to be sent, not a history. A pending callback is never touched.
 */
@Component
class CallbackRetention extends RetentionSweep {

    CallbackRetention(
            DatabaseClient db, @Value("${rights.opendsr.callbacks.retention:7d}") Duration retention, Clock clock) {
        super("finished status callbacks", """
                delete from opendsr_callback where id in (
                    select id from opendsr_callback
                    where status in ('DELIVERED', 'FAILED') and coalesce(delivered_at, next_attempt_at) < :cutoff
                    limit :batch for update skip locked)""", db, retention, clock);
    }
}
