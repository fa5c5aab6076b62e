package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.deadline.StatutoryPolicy.ClockStart;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Computes when a request must be answered: the jurisdiction gives the regime, zone and working-day calendar, the
 * regime's policy for the kind of request gives the period, and {@link PeriodCounter} counts. Pure computation over
 * configuration checked at start-up, so it is safe from any thread and cheap enough to call per request.
 *
 * <p>The holiday calendars are built on a thread of their own while the rest of the service starts (Jollyday reads
 * some 35 countries' rules with JAXB: about 0.7 s of a cold JVM); the context waits for them once every singleton is
 * made ({@link #afterSingletonsInstantiated()}), so a wrong calendar still stops the start and no request is served
 * before they are there.
 */
@Component
public class DeadlineEngine implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeadlineEngine.class);

    private final DeadlineCatalog catalog;
    private final ChinaCalendar china;
    private final CompletableFuture<Map<String, WorkingCalendar>> calendars;

    @Autowired
    public DeadlineEngine(DeadlineProperties properties, Environment environment) {
        this(
                DeadlineCatalog.load(environment),
                ChinaCalendar.load(properties.chinaCalendarDir()),
                HolidayCalendars::buildAside);
    }

    /** Builds the calendars before it returns: a wrong one throws here (the tests' engine). */
    DeadlineEngine(DeadlineCatalog catalog, ChinaCalendar china) {
        this(
                catalog,
                china,
                (jurisdictions, chinaCalendar) ->
                        CompletableFuture.completedFuture(HolidayCalendars.build(jurisdictions, chinaCalendar)));
    }

    private DeadlineEngine(
            DeadlineCatalog catalog,
            ChinaCalendar china,
            BiFunction<Iterable<Jurisdiction>, ChinaCalendar, CompletableFuture<Map<String, WorkingCalendar>>>
                    calendarBuilder) {
        this.catalog = catalog;
        this.china = china;
        this.calendars = calendarBuilder.apply(catalog.jurisdictions(), china);
        warnAboutMissingChinaYears();
    }

    /** Waits for the calendars at the end of the context's start; a calendar that could not be built stops it. */
    @Override
    public void afterSingletonsInstantiated() {
        calendars();
    }

    private Map<String, WorkingCalendar> calendars() {
        try {
            return calendars.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The first deadline of a request. */
    public ComputedDeadline compute(DeadlineQuery query) {
        return computation(query, false);
    }

    /**
     * The deadline with the policy's extension added (counted from the end of the first period, before any roll
     * forward, so never later than the law allows). Throws {@link ApiException} of type
     * {@link ProblemType#EXTENSION_NOT_ALLOWED} when the policy allows none.
     */
    public ComputedDeadline extend(DeadlineQuery query) {
        return computation(query, true);
    }

    /**
     * Time left from {@code today} to {@code dueDate} (both days in the jurisdiction's zone) as the rule of this
     * jurisdiction and kind counts it (the extension's counting once {@code extended}): the working days after today up
     * to the due day, or calendar days for every other rule, and for a jurisdiction or kind with no rule configured.
     */
    public TimeLeft timeLeft(
            String jurisdictionCode, DeadlineKind kind, boolean extended, LocalDate today, LocalDate dueDate) {
        @Nullable Counting counting = null;
        @Nullable WorkingCalendar calendar = null;
        try {
            var jurisdiction = catalog.jurisdiction(jurisdictionCode);
            var policy = catalog.policy(jurisdiction, kind);
            var extension = policy.extensionOrNull();
            var span = extended && extension != null ? extension.period() : policy.period();
            counting = span == null ? null : span.counting();
            calendar = calendars().get(jurisdiction.code());
        } catch (ApiException unknown) {
            // no rule for it (a jurisdiction removed from the configuration since): plain calendar days
        }
        if (counting != Counting.WORKING_DAYS || calendar == null) {
            return new TimeLeft(Counting.CALENDAR_DAYS, java.time.temporal.ChronoUnit.DAYS.between(today, dueDate));
        }
        var overdue = dueDate.isBefore(today);
        var from = overdue ? dueDate : today;
        var to = overdue ? today : dueDate;
        long days = 0;
        for (var day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (calendar.isWorkingDay(day)) {
                days++;
            }
        }
        return new TimeLeft(Counting.WORKING_DAYS, overdue ? -days : days);
    }

    /** ISO 3166 codes of every configured jurisdiction. */
    public SortedSet<String> jurisdictions() {
        return new TreeSet<>(calendars().keySet());
    }

    /** The years the China calendar has official data for; any other year makes a Chinese deadline provisional. */
    public SortedSet<Integer> chinaCalendarYears() {
        return china.years();
    }

    private ComputedDeadline computation(DeadlineQuery query, boolean extend) {
        var jurisdiction = catalog.jurisdiction(query.jurisdiction());
        var policy = catalog.policy(jurisdiction, query.kind());
        check(query, policy);
        var zone = jurisdiction.zone();
        var fromVerification = policy.clockStart() == ClockStart.VERIFICATION;
        var clockStartedAt = fromVerification && query.verifiedAt() != null ? query.verifiedAt() : query.receivedAt();
        var startDay = day(clockStartedAt, zone);
        var paused = pausedDays(query.pauses(), zone);
        var counter = new PeriodCounter(calendars().get(jurisdiction.code()));
        var rule = new Rule(Objects.requireNonNull(policy.rule()), policy.ruleZh());
        var end = counter.add(startDay, Objects.requireNonNull(policy.period()), paused);
        var extension = policy.extensionOrNull();
        if (extend) {
            if (extension == null) {
                throw new ApiException(
                        ProblemType.EXTENSION_NOT_ALLOWED,
                        "The " + jurisdiction.regime() + " rule for " + query.kind() + " requests allows no extension: "
                                + policy.rule());
            }
            var period = Objects.requireNonNull(extension.period());
            end = counter.add(end, period, paused);
            rule.append(
                    "; extended by " + period + ": " + extension.rule(),
                    chinese(extension) == null ? null : "；延长" + period.toChinese() + "：" + chinese(extension));
        }
        var due = policy.rollForward() ? counter.rollForward(end) : end;
        if (fromVerification && query.verifiedAt() == null) {
            rule.append(
                    "; identity not verified yet, so counted from receipt, the earliest the clock can start",
                    "；身份尚未核验，故暂自收到请求之日起计算，这是期限最早可能的起算日");
        }
        var lastCounted = end;
        var pausedInside = paused.stream()
                .filter(d -> d.isAfter(startDay) && !d.isAfter(lastCounted))
                .count();
        if (pausedInside > 0) {
            rule.append(
                    "; clock stopped for " + pausedInside + (pausedInside == 1 ? " day" : " days"),
                    "；计时暂停" + pausedInside + "天");
        }
        if (!due.equals(end)) {
            rule.append("; " + end + " is not a working day, so the next working day", "；" + end + "不是工作日，故顺延至下一个工作日");
        }
        var acknowledgement = acknowledgement(policy, day(query.receivedAt(), zone), zone, counter);
        var dueSoonLead = dueSoonLead(policy, due, zone, counter);
        var missing = List.copyOf(counter.yearsWithoutData());
        if (!missing.isEmpty()) {
            rule.append(
                    "; PROVISIONAL: no published holidays for " + missing + ", every weekday counted as a working day",
                    "；暂定："
                            + String.join(
                                    "、",
                                    missing.stream().map(year -> year + "年").toList()) + "的节假日安排尚未公布，周一至周五均按工作日计算");
        }
        return new ComputedDeadline(
                jurisdiction.code(),
                jurisdiction.regime(),
                query.kind(),
                zone,
                clockStartedAt,
                fromVerification && query.verifiedAt() == null,
                due,
                ComputedDeadline.endOf(due, zone),
                rule.english(),
                rule.chinese(),
                Objects.requireNonNull(policy.source()),
                !missing.isEmpty(),
                missing,
                extend || extension == null ? null : extension.period(),
                extend,
                dueSoonLead,
                acknowledgement);
    }

    /**
     * How long before the due instant an open request is due soon: the policy's working days when it counts them
     * (from the start of the day that many working days before the due day, in the jurisdiction's calendar), else its
     * duration. Counted before the missing-years check, so a year without data it looks at makes the date provisional.
     */
    private static Duration dueSoonLead(StatutoryPolicy policy, LocalDate due, ZoneId zone, PeriodCounter counter) {
        var workingDays = policy.dueSoonWorkingDays();
        if (workingDays == null) {
            return Objects.requireNonNull(policy.dueSoon());
        }
        var from =
                counter.workingDaysBefore(due, workingDays).atStartOfDay(zone).toInstant();
        return Duration.between(from, ComputedDeadline.endOf(due, zone));
    }

    private static ComputedDeadline.@Nullable Milestone acknowledgement(
            StatutoryPolicy policy, LocalDate receiptDay, ZoneId zone, PeriodCounter counter) {
        var acknowledgement = policy.acknowledgement();
        if (acknowledgement == null
                || acknowledgement.period() == null
                || acknowledgement.period().amount() == 0) {
            return null;
        }
        var due = counter.add(receiptDay, acknowledgement.period(), Set.of());
        return new ComputedDeadline.Milestone(
                "acknowledge",
                due,
                ComputedDeadline.endOf(due, zone),
                Objects.requireNonNull(acknowledgement.rule()),
                chinese(acknowledgement));
    }

    /** An allowance's Chinese rule, null when it has none (a blank setting counts as none). */
    private static @Nullable String chinese(StatutoryPolicy.Allowance allowance) {
        return present(allowance.ruleZh());
    }

    private static @Nullable String present(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * The rule text in English and in Simplified Chinese, built side by side. The Chinese text is dropped as soon as a
     * part of it has no Chinese (an operator's policy without {@code rule-zh}): a Chinese reader then gets the English
     * text whole rather than a mixture.
     */
    private static final class Rule {

        private final StringBuilder english;
        private @Nullable StringBuilder chinese;

        Rule(String english, @Nullable String chinese) {
            this.english = new StringBuilder(english);
            this.chinese = present(chinese) == null ? null : new StringBuilder(chinese);
        }

        void append(String english, @Nullable String chinese) {
            this.english.append(english);
            if (this.chinese != null && chinese != null) {
                this.chinese.append(chinese);
            } else {
                this.chinese = null;
            }
        }

        String english() {
            return english.toString();
        }

        @Nullable
        String chinese() {
            return chinese == null ? null : chinese.toString();
        }
    }

    private static void check(DeadlineQuery query, StatutoryPolicy policy) {
        if (query.verifiedAt() != null && query.verifiedAt().isBefore(query.receivedAt())) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "verifiedAt must not be before receivedAt.");
        }
        if (!query.pauses().isEmpty() && !policy.pausable()) {
            throw new ApiException(
                    ProblemType.CLOCK_PAUSE_NOT_ALLOWED, "The clock of this rule does not stop: " + policy.rule());
        }
        for (var pause : query.pauses()) {
            if (!pause.from().isBefore(pause.to()) || pause.from().isBefore(query.receivedAt())) {
                throw new ApiException(
                        ProblemType.INVALID_REQUEST, "A pause must start after receipt and end after it starts.");
            }
        }
    }

    /** Each pause stops the clock from the day it began to the day before it ended: the clock runs again that day. */
    private static Set<LocalDate> pausedDays(List<DeadlineQuery.Pause> pauses, ZoneId zone) {
        var days = new HashSet<LocalDate>();
        pauses.forEach(pause ->
                day(pause.from(), zone).datesUntil(day(pause.to(), zone)).forEach(days::add));
        return days;
    }

    private static LocalDate day(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    private void warnAboutMissingChinaYears() {
        var thisYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        if (!china.covers(thisYear)) {
            log.warn(
                    "China calendar has no official data for {}: Chinese working-day deadlines are provisional. "
                            + "Add the State Council notice as a file (rights-service/README.md, Deadlines).",
                    thisYear);
        }
        if (!china.covers(thisYear + 1)) {
            log.info(
                    "China calendar has no official data for {} yet (the notice usually comes in November)",
                    thisYear + 1);
        }
    }
}
