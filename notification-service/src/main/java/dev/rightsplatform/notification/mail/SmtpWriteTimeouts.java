package dev.rightsplatform.notification.mail;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The one thread that enforces {@code mail.smtp.writetimeout} for every SMTP connection. Without it Angus Mail gives
 * each connection a scheduler of its own, hence a thread started and ended for every mail (the sender connects once
 * per mail): thousands of threads an hour under load. Handed to the mail session as
 * {@value #SESSION_PROPERTY}; Angus never shuts down a scheduler it was given, so this bean does at shutdown.
 */
@Component
class SmtpWriteTimeouts implements DisposableBean {

    /** The session property Angus Mail reads a shared scheduler from (an object, not a string). */
    static final String SESSION_PROPERTY = "mail.smtp.executor.writetimeout";

    private final ScheduledThreadPoolExecutor scheduler;

    SmtpWriteTimeouts() {
        var threads = new CustomizableThreadFactory("smtp-write-timeout-");
        threads.setDaemon(true);
        scheduler = new ScheduledThreadPoolExecutor(1, threads);
        // Every write schedules its timeout and cancels it when done: drop the cancelled ones at once, not when they
        // would have fired, or the queue would hold every write of the last timeout's length.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
