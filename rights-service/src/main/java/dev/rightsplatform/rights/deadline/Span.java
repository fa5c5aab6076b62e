package dev.rightsplatform.rights.deadline;

import org.jspecify.annotations.Nullable;

/**
 * A length of time as a law states it: an amount counted in one way, such as one month (Reg. 1182/71) or 15 working
 * days. Bound from configuration, so either part may be missing until {@link DeadlineCatalog} has checked it.
 */
public record Span(int amount, @Nullable Counting counting) {

    @Override
    public String toString() {
        return amount + " " + (counting == null ? "?" : counting.unit(amount));
    }

    /** The same in Simplified Chinese, such as {@code 2个月（按第1182/71号条例计算）} or {@code 15个工作日}. */
    String toChinese() {
        return amount + (counting == null ? "?" : counting.unitZh());
    }
}
