package dev.rightsplatform.rights.scheduling;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a periodic job has done lately: when it last succeeded and failed, why it failed, and whether a round is in
 * progress. Immutable; the job swaps in a new one after each change.
 *
 * @param job the job's name ("deadline-scanner")
 * @param since when the job was set up: the reference for "no success yet"
 * @param lastSuccess the end of the last round that succeeded, or null
 * @param lastFailure the end of the last round that failed or was cancelled, or null
 * @param lastError what that failure was (an exception's class name, or the watchdog's limit), never personal data
 * @param consecutiveFailures failed rounds since the last success
 * @param roundStartedAt the start of the round in progress, or null between rounds
 * @param lastRoundDuration how long the last finished round took
 * @param rounds rounds finished, successful or not
 * @param failures rounds that failed or were cancelled
 */
public record JobStatus(
        String job,
        Instant since,
        @Nullable Instant lastSuccess,
        @Nullable Instant lastFailure,
        @Nullable String lastError,
        int consecutiveFailures,
        @Nullable Instant roundStartedAt,
        Duration lastRoundDuration,
        long rounds,
        long failures) {

    static JobStatus notStarted(String job, Instant since) {
        return new JobStatus(job, since, null, null, null, 0, null, Duration.ZERO, 0, 0);
    }

    JobStatus started(Instant at) {
        return new JobStatus(
                job,
                since,
                lastSuccess,
                lastFailure,
                lastError,
                consecutiveFailures,
                at,
                lastRoundDuration,
                rounds,
                failures);
    }

    JobStatus succeeded(Instant startedAt, Instant at) {
        return new JobStatus(
                job, since, at, lastFailure, lastError, 0, null, Duration.between(startedAt, at), rounds + 1, failures);
    }

    JobStatus failed(Instant startedAt, Instant at, String error) {
        return new JobStatus(
                job,
                since,
                lastSuccess,
                at,
                error,
                consecutiveFailures + 1,
                null,
                Duration.between(startedAt, at),
                rounds + 1,
                failures + 1);
    }

    /**
     * Healthy while a round has succeeded within {@code allowed} (or, before the first success, the job is younger
     * than that): a job that keeps failing, or whose round hangs, stops being healthy after one allowance.
     */
    boolean healthyAt(Instant now, Duration allowed) {
        var reference = lastSuccess != null ? lastSuccess : since;
        return !now.isAfter(reference.plus(allowed));
    }
}
