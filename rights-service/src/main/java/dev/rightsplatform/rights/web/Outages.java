package dev.rightsplatform.rights.web;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the database from a fault of ours: no connection to be had (refused, timed out, pool exhausted
 * within {@code spring.r2dbc.pool.max-acquire-time}) or a connection lost midway. Those are answered 503 with
 * Retry-After, since the same request can succeed later; the transaction was rolled back, so nothing is half-written.
 */
final class Outages {

    private Outages() {}

    static boolean isDatabaseOutage(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof R2dbcNonTransientResourceException
                    || cause instanceof R2dbcTransientResourceException
                    || cause instanceof R2dbcTimeoutException
                    || cause instanceof TimeoutException
                    || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
