package dev.rightsplatform.rights.deadline;

/** How a policy counts its period; the arithmetic lives in {@link PeriodCounter}. */
public enum Counting {
    /** Calendar days after the day the clock starts. */
    CALENDAR_DAYS("calendar day", "calendar days", "个日历日"),
    /**
     * Months under EU Regulation 1182/71 Art. 3: the day of the event is not counted and the period ends at the end of
     * the day with the same date in the last month, or of that month's last day when it has no such date.
     */
    MONTHS_EU("month (Reg. 1182/71)", "months (Reg. 1182/71)", "个月（按第1182/71号条例计算）"),
    /**
     * Months as the ICO counts them: the day of receipt is day one and the deadline is the same date in the next month,
     * or that month's last day when it has no such date. It lands on the same dates as {@link #MONTHS_EU}; it is kept
     * apart so that each rule names the method its regulator states.
     */
    MONTHS_UK("month (ICO counting)", "months (ICO counting)", "个月（按英国信息专员办公室的方法计算）"),
    /**
     * Working days after the day the clock starts: weekends and the jurisdiction's public holidays are skipped, and in
     * China the make-up working days (调休), weekend days though they are, count. "Business days" are these.
     */
    WORKING_DAYS("working day", "working days", "个工作日");

    private final String singular;
    private final String plural;
    private final String chinese;

    Counting(String singular, String plural, String chinese) {
        this.singular = singular;
        this.plural = plural;
        this.chinese = chinese;
    }

    String unit(int amount) {
        return amount == 1 ? singular : plural;
    }

    /** The unit in Simplified Chinese, written straight after the number ({@code 45个日历日}). */
    String unitZh() {
        return chinese;
    }
}
