package dev.rightsplatform.rights.deadline;

/**
 * How long a request has left until its due day, counted the way its rule counts: working days for a rule of working
 * days (China's 15 working days for a cancellation: weekends and holidays do not count, make-up working days do), else
 * calendar days. {@code days} is negative once the due day has passed (by as many days of that kind).
 *
 * @param counting {@link Counting#WORKING_DAYS} or {@link Counting#CALENDAR_DAYS} (months are shown as calendar days)
 */
public record TimeLeft(Counting counting, long days) {}
